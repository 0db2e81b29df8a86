#!/usr/bin/python3
"""PyTorch half of vsgd-suite's side-by-side training-iteration benchmark (issue 15).

Requires Debian's python3-torch 1.13 (apt-get install python3-torch); run it with Debian's
interpreter, /usr/bin/python3.

It builds the suite's networks in PyTorch, with the suite's architectures, initialisation and batch
(suite/src/main/java/dev/vsgdsuite/suite/model/, docs/PROTOCOL.md §2.3):
    demo          ConvMixer 16/4 k3 p2, 1x28x28, 10 classes     (configs/model/convmixer_demo.yaml)
    vgg16         VGG16-bn, 3x32x32, 100 classes                  (configs/model/vgg.yaml, config D)
    convmixer256  ConvMixer 256/8 k5 p2, 3x32x32, 100 classes     (configs/model/convmixer.yaml)
    resnext18     ResNeXt c8 d18 w4, 3x32x32, 100 classes         (configs/model/resnext.yaml)
and times one training iteration (zero_grad, forward, cross-entropy, backward, optimizer step) with
torch.optim.Adam and torch.optim.SGD(momentum=0.9): per network, one model per optimizer from the
same initial weights takes turns, one iteration each per round in a rotating order, after unrecorded
warm-up rounds. The batch is uniform random images with labels cycling through the classes.

Output: one JSON object per network x optimizer on stdout (what `vsgd-suite bench-training --torch
FILE` reads), a table on stderr:
    /usr/bin/python3 tools/torch_reference.py --networks demo,vgg16 > torch.jsonl
    /usr/bin/python3 tools/torch_reference.py --check        # tiny correctness run, no timing
    /usr/bin/python3 tools/torch_reference.py --describe     # parameter counts and settings, no training
"""
import argparse
import json
import math
import os
import sys
import time

try:
    import torch
    from torch import nn
except ImportError:
    sys.exit(f"torch_reference.py: {sys.executable} cannot import torch; install Debian's python3-torch "
             f"(apt-get install python3-torch) and run this script with /usr/bin/python3")

# Each network: its model config, its experiment's input shape, and the experiment's learning rate
# (configs/experiment/*.yaml, optimizers: adam and sgd) and batch size (train.batch_size), which
# --batch experiment selects.
NETWORKS = {
    "demo": dict(arch="convmixer", dim=16, depth=4, kernel=3, patch=2, shape=(1, 28, 28), classes=10,
                 lr=0.01, experiment_batch=32, experiment="fashion_convmixer_demo"),
    "vgg16": dict(arch="vgg", config="D", shape=(3, 32, 32), classes=100, lr=0.1, experiment_batch=256,
                  experiment="cifar100_vgg"),
    "convmixer256": dict(arch="convmixer", dim=256, depth=8, kernel=5, patch=2, shape=(3, 32, 32), classes=100,
                         lr=0.1, experiment_batch=256, experiment="cifar100_convmixer"),
    "resnext18": dict(arch="resnext", cardinality=8, depth=18, widen_factor=4, base_width=64, shape=(3, 32, 32),
                      classes=100, lr=0.1, experiment_batch=128, experiment="cifar100_resnext"),
}

OPTIMIZERS = ("adam", "sgd")
SGD_MOMENTUM = 0.9   # the experiments' optimizers.sgd.momentum

# Channel counts of VGG configuration D (VGG16); 0 marks a 2x2 max-pool (model/Vgg.java).
VGG16 = (64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0)


class Residual(nn.Module):
    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, x):
        return self.body(x) + x


def convmixer(dim, depth, kernel, patch, channels, classes):
    """Patch conv -> GELU -> BN; depth x [residual(depthwise 'same' -> GELU -> BN), 1x1 -> GELU -> BN]; GAP; linear."""
    layers = [nn.Conv2d(channels, dim, patch, stride=patch), nn.GELU(), nn.BatchNorm2d(dim)]
    for _ in range(depth):
        layers.append(Residual(nn.Sequential(nn.Conv2d(dim, dim, kernel, groups=dim, padding=kernel // 2),
                                             nn.GELU(), nn.BatchNorm2d(dim))))
        layers += [nn.Conv2d(dim, dim, 1), nn.GELU(), nn.BatchNorm2d(dim)]
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(dim, classes)]
    model = nn.Sequential(*layers)
    # U(+-1/sqrt(fan_in)) for every weight and bias, fan_in = in/groups * k * k: the suite states it
    # explicitly (ConvMixer.initialise); it is also PyTorch's default.
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            fan_in = m.weight[0].numel()
            bound = 1 / math.sqrt(fan_in)
            nn.init.uniform_(m.weight, -bound, bound)
            nn.init.uniform_(m.bias, -bound, bound)
    return model


def vgg16_bn(channels, classes):
    """Conv 3x3 pad 1 (bias) -> BN -> ReLU per entry, max-pool 2x2 per stage; GAP; linear."""
    layers, width = [], channels
    for entry in VGG16:
        if entry == 0:
            layers.append(nn.MaxPool2d(2, 2))
            continue
        conv = nn.Conv2d(width, entry, 3, padding=1)
        nn.init.normal_(conv.weight, 0, math.sqrt(2 / (9 * entry)))
        nn.init.zeros_(conv.bias)
        layers += [conv, nn.BatchNorm2d(entry), nn.ReLU()]
        width = entry
    linear = nn.Linear(width, classes)
    nn.init.normal_(linear.weight, 0, 0.01)
    nn.init.zeros_(linear.bias)
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), linear]
    return nn.Sequential(*layers)


def he_fan_out(conv):
    """kaiming_normal_(mode='fan_out', ReLU): std sqrt(2 / (k*k*out)), out counting every group's outputs."""
    nn.init.kaiming_normal_(conv.weight, mode="fan_out", nonlinearity="relu")
    return conv


class Bottleneck(nn.Module):
    """1x1 to D -> BN -> ReLU -> grouped 3x3 (stride) -> BN -> ReLU -> 1x1 to out -> BN; + shortcut; ReLU."""

    def __init__(self, width_in, width_out, stride, cardinality, widen_factor):
        super().__init__()
        d = cardinality * width_out // widen_factor
        self.body = nn.Sequential(
            he_fan_out(nn.Conv2d(width_in, d, 1, bias=False)), nn.BatchNorm2d(d), nn.ReLU(),
            he_fan_out(nn.Conv2d(d, d, 3, stride=stride, padding=1, groups=cardinality, bias=False)),
            nn.BatchNorm2d(d), nn.ReLU(),
            he_fan_out(nn.Conv2d(d, width_out, 1, bias=False)), nn.BatchNorm2d(width_out))
        # As the suite (ResNeXt.bottleneck): a projection exactly where the widths differ.
        self.shortcut = (nn.Sequential(he_fan_out(nn.Conv2d(width_in, width_out, 1, stride=stride, bias=False)),
                                       nn.BatchNorm2d(width_out))
                         if width_in != width_out else nn.Identity())

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


def resnext(cardinality, depth, widen_factor, base_width, channels, classes):
    """Stem 3x3 -> BN -> ReLU; three stages of (depth-2)//9 bottlenecks, widths base*w*(1,2,4), strides 1,2,2."""
    layers = [he_fan_out(nn.Conv2d(channels, base_width, 3, padding=1, bias=False)), nn.BatchNorm2d(base_width),
              nn.ReLU()]
    width = base_width
    for stage, stride in enumerate((1, 2, 2)):
        out = base_width * widen_factor * 2 ** stage
        for block in range((depth - 2) // 9):
            layers.append(Bottleneck(width, out, stride if block == 0 else 1, cardinality, widen_factor))
            width = out
    linear = nn.Linear(width, classes)
    nn.init.normal_(linear.weight, 0, math.sqrt(2 / width))   # He-normal, fan-in
    nn.init.zeros_(linear.bias)
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), linear]
    return nn.Sequential(*layers)


def build(name, seed):
    n = NETWORKS[name]
    torch.manual_seed(seed)
    channels = n["shape"][0]
    if n["arch"] == "convmixer":
        model = convmixer(n["dim"], n["depth"], n["kernel"], n["patch"], channels, n["classes"])
    elif n["arch"] == "vgg":
        model = vgg16_bn(channels, n["classes"])
    else:
        model = resnext(n["cardinality"], n["depth"], n["widen_factor"], n["base_width"], channels, n["classes"])
    return model.train()


def parameter_count(model):
    """Trainable parameters; batch-norm running statistics are buffers, as the suite counts them."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def optimizer(name, model, lr):
    if name == "adam":
        return torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)
    return torch.optim.SGD(model.parameters(), lr=lr, momentum=SGD_MOMENTUM)


def random_batch(name, batch, seed):
    """Uniform [0, 1) images of the network's shape, labels 0, 1, 2, ... modulo the classes (bench/RandomBatch.java)."""
    n = NETWORKS[name]
    g = torch.Generator().manual_seed(seed)
    x = torch.rand((batch,) + n["shape"], generator=g)
    y = torch.arange(batch) % n["classes"]
    return x, y


def iteration(model, opt, loss_fn, x, y):
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss


def reset_peak_rss():
    """Resets the kernel's high-water mark to the current RSS; False where the kernel refuses."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def peak_rss_bytes():
    """VmHWM of /proc/self/status in bytes, or None off Linux."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def percentile(times, p):
    """Commons Math's default Percentile (position p*(n+1), clamped to the data), as the suite computes it."""
    data = sorted(times)
    pos = p / 100 * (len(data) + 1)
    if pos < 1:
        return data[0]
    if pos >= len(data):
        return data[-1]
    low = math.floor(pos)
    return data[low - 1] + (pos - low) * (data[low] - data[low - 1])


def quartiles(times):
    return percentile(times, 25), percentile(times, 50), percentile(times, 75)


def measure(name, optimizers, batch, warmup, rounds, seed):
    """Median and interquartile range (ms) of one iteration per optimizer, the optimizers taking turns."""
    reset = reset_peak_rss()
    lr = NETWORKS[name]["lr"]
    models = {o: build(name, seed) for o in optimizers}   # same seed: the same initial weights
    opts = {o: optimizer(o, models[o], lr) for o in optimizers}
    loss_fn = nn.CrossEntropyLoss()
    x, y = random_batch(name, batch, seed)
    times = {o: [] for o in optimizers}
    order = list(optimizers)
    loss_sums = {o: 0.0 for o in optimizers}   # printed, so that no iteration's work can go unused
    for r in range(-warmup, rounds):
        for o in order:
            t0 = time.perf_counter()
            loss = iteration(models[o], opts[o], loss_fn, x, y)
            ms = (time.perf_counter() - t0) * 1e3
            loss_sums[o] += loss.item()
            if r >= 0:
                times[o].append(ms)
        order.append(order.pop(0))   # rotate: nobody always runs first after the others
    peak = peak_rss_bytes()
    params = parameter_count(models[optimizers[0]])
    lines = []
    for o in optimizers:
        q1, median, q3 = quartiles(times[o])
        lines.append(dict(impl="pytorch", network=name, optimizer=o, batch=batch,
                          input=list(NETWORKS[name]["shape"]), classes=NETWORKS[name]["classes"],
                          parameters=params, warmup=warmup, rounds=rounds, median_ms=median, q1_ms=q1, q3_ms=q3,
                          threads=torch.get_num_threads(), torch=torch.__version__, peak_rss_bytes=peak,
                          peak_rss_since_network=reset, loss_sum=loss_sums[o]))
    return lines


def check(names, seed):
    """Two iterations per optimizer at batch 2: finite losses, logits of the right shape; no timing."""
    ok = True
    for name in names:
        for o in OPTIMIZERS:
            model = build(name, seed)
            opt = optimizer(o, model, NETWORKS[name]["lr"])
            x, y = random_batch(name, 2, seed)
            logits = model(x)
            losses = [iteration(model, opt, nn.CrossEntropyLoss(), x, y).item() for _ in range(2)]
            good = logits.shape == (2, NETWORKS[name]["classes"]) and all(math.isfinite(v) for v in losses)
            ok &= good
            print(f"{name:13s} {o:5s} parameters {parameter_count(model):>11,d}  logits {tuple(logits.shape)}  "
                  f"losses {losses[0]:.4f} {losses[1]:.4f}  {'ok' if good else 'FAILED'}", file=sys.stderr)
    return ok


def table(lines):
    out = [f"{'network':13s} {'optimizer':9s} {'parameters':>11s} {'batch':>5s} {'median ms':>10s} "
           f"{'IQR ms':>17s} {'peak RSS MiB':>12s}"]
    for d in lines:
        rss = "-" if d["peak_rss_bytes"] is None else f"{d['peak_rss_bytes'] / 2 ** 20:.0f}"
        out.append(f"{d['network']:13s} {d['optimizer']:9s} {d['parameters']:>11,d} {d['batch']:>5d} "
                   f"{d['median_ms']:>10.2f} {d['q1_ms']:>8.2f}-{d['q3_ms']:<8.2f} {rss:>12s}")
    return "\n".join(out)


def names_list(text, known, what):
    names = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in names if s not in known]
    if not names or unknown:
        raise argparse.ArgumentTypeError(f"{what} {','.join(unknown) or '(none)'}: choose from {', '.join(known)}")
    return names


def batch_size(text):
    if text == "experiment":
        return text
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r} is neither a positive integer nor 'experiment'")


def non_negative(text):
    if text.isdigit():
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not an integer >= 0")


def positive(text):
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not an integer >= 1")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--networks", type=lambda t: names_list(t, list(NETWORKS), "network"), default=list(NETWORKS),
                   help="comma-separated, of " + ", ".join(NETWORKS) + " (default: all)")
    p.add_argument("--optimizers", type=lambda t: names_list(t, OPTIMIZERS, "optimizer"), default=list(OPTIMIZERS),
                   help="comma-separated, of adam, sgd (default: both)")
    p.add_argument("--batch", type=batch_size, default=32,
                   help="batch size, or 'experiment' for each experiment's train.batch_size (default 32)")
    p.add_argument("--rounds", type=positive, default=300, help="measured rounds (default 300)")
    p.add_argument("--warmup", type=non_negative, default=100, help="unrecorded rounds first (default 100)")
    p.add_argument("--threads", type=positive, help="torch.set_num_threads (default: torch's default)")
    p.add_argument("--seed", type=int, default=1, help="weights and batch (default 1, as bench-training)")
    p.add_argument("--check", action="store_true", help="tiny correctness run (batch 2, 2 iterations), no timing")
    p.add_argument("--describe", action="store_true",
                   help="print each network's parameter count and training settings as JSON lines, exit")
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    if a.describe:
        for name in a.networks:
            n = NETWORKS[name]
            print(json.dumps(dict(impl="pytorch", network=name, experiment=n["experiment"], input=list(n["shape"]),
                                  classes=n["classes"], parameters=parameter_count(build(name, a.seed)), lr=n["lr"],
                                  sgd_momentum=SGD_MOMENTUM, experiment_batch=n["experiment_batch"])))
        return 0
    if a.check:
        return 0 if check(a.networks, a.seed) else 1
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {a.warmup} warm-up and {a.rounds} "
          f"measured rounds", file=sys.stderr)
    lines = []
    for name in a.networks:
        batch = NETWORKS[name]["experiment_batch"] if a.batch == "experiment" else a.batch
        print(f"{name}: batch {batch} ...", file=sys.stderr, flush=True)
        for d in measure(name, a.optimizers, batch, a.warmup, a.rounds, a.seed):
            print(json.dumps(d), flush=True)
            lines.append(d)
    print(table(lines), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
