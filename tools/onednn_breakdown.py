#!/usr/bin/env python3
"""Where oneDNN's time goes in a run logged with DNNL_VERBOSE=1: milliseconds per training iteration
by primitive, shape class and direction, as a Markdown table.

    DNNL_VERBOSE=1 ./vsgd-suite bench-training --networks demo --optimizers adam --rounds 50 --warmup 10 \\
        > onednn.log 2>&1
    python3 tools/onednn_breakdown.py --iterations 60 onednn.log

nd4j 1.0.0-M2.1 bundles oneDNN 2.3.0, which reads DNNL_VERBOSE; oneDNN 2.5 and later read
ONEDNN_VERBOSE. The log's first oneDNN line names the version.

--iterations is the number of training iterations the log covers (warm-up included: oneDNN logs every
call): (rounds + warmup) x optimizers for bench-training. Reads standard input when no file is given.

oneDNN 2.x writes one line per primitive call, "dnnl_verbose,exec,cpu,KIND,IMPL,PROP,MEMORY,ATTR,
AUX,PROBLEM,TIME_MS" ("onednn_verbose,..." from 2.5), and at level 2 one per primitive creation
("create..."). Execution time is summed per (kind, shape class, direction), creation separately.
Reorders are oneDNN's layout conversions (here mostly NCHW to and from the NHWC or blocked layout
its convolution kernels chose), so their share is time spent on layout, not arithmetic. Only the
standard library: any python3 runs it.
"""
import argparse
import collections
import re
import sys

MARKERS = ("onednn_verbose,", "dnnl_verbose,")


def detail(kind, aux, problem):
    """A short shape class: kernel size and grouping for convolutions, the algorithm otherwise."""
    if kind in ("convolution", "deconvolution"):
        kh = re.search(r"kh(\d+)", problem)
        kw = re.search(r"kw(\d+)", problem)
        groups = re.match(r"g(\d+)", problem)
        ic = re.search(r"ic(\d+)", problem)
        size = f"{kh.group(1) if kh else '?'}x{kw.group(1) if kw else '?'}"
        if groups and ic and int(groups.group(1)) > 1:
            per_group = int(ic.group(1)) // int(groups.group(1))
            return f"{size} depthwise" if per_group == 1 else f"{size} grouped g{groups.group(1)}"
        return size
    alg = re.search(r"alg:(\S+)", aux)
    return alg.group(1).split(":")[0] if alg else ""


def direction(prop):
    if prop.startswith("forward"):
        return "forward"
    if prop in ("backward_data", "backward_weights", "backward"):
        return prop
    return "-" if prop in ("", "undef") else prop


def parse(lines):
    exec_ms = collections.defaultdict(float)
    exec_calls = collections.Counter()
    create_ms = 0.0
    create_calls = 0
    for line in lines:
        start = max((line.find(m) for m in MARKERS), default=-1)
        if start < 0:
            continue
        fields = line[start:].strip().split(",")
        if len(fields) < 5:
            continue
        try:
            ms = float(fields[-1])
        except ValueError:
            continue
        if fields[1].startswith("create"):
            create_ms += ms
            create_calls += 1
        elif fields[1] == "exec" and len(fields) >= 11:
            kind, prop, aux, problem = fields[3], fields[5], fields[8], fields[9]
            key = (kind, detail(kind, aux, problem), direction(prop))
            exec_ms[key] += ms
            exec_calls[key] += 1
    return exec_ms, exec_calls, create_ms, create_calls


def markdown(exec_ms, exec_calls, create_ms, create_calls, iterations):
    total = sum(exec_ms.values())
    out = ["| oneDNN primitive | shape | direction | calls per iteration | ms per iteration | share of oneDNN time |",
           "|---|---|---|---|---|---|"]
    for key, ms in sorted(exec_ms.items(), key=lambda kv: -kv[1]):
        out.append(f"| {key[0]} | {key[1] or '-'} | {key[2]} | {exec_calls[key] / iterations:.1f} | "
                   f"{ms / iterations:.2f} | {100 * ms / total if total else 0:.1f} % |")
    out.append(f"| **all primitives** | | | {sum(exec_calls.values()) / iterations:.1f} | **{total / iterations:.2f}** | 100 % |")
    out.append("")
    if create_calls:
        out.append(f"Primitive creation: {create_calls / iterations:.1f} per iteration, {create_ms / iterations:.2f} ms "
                   f"per iteration.")
    else:
        out.append("Primitive creation is not in the log (DNNL_VERBOSE=2 logs it).")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", nargs="?", help="the ONEDNN_VERBOSE=1 output (default: standard input)")
    parser.add_argument("--iterations", type=int, required=True,
                        help="training iterations the log covers, warm-up included")
    args = parser.parse_args(argv)
    if args.iterations < 1:
        parser.error(f"--iterations {args.iterations}: give the number of iterations the log covers (>= 1)")
    try:
        stream = open(args.log, encoding="utf-8", errors="replace") if args.log else sys.stdin
    except OSError as e:
        print(f"onednn_breakdown: cannot read {args.log}: {e.strerror}; give the file DNNL_VERBOSE=1 output "
              f"went to", file=sys.stderr)
        return 2
    with stream:
        exec_ms, exec_calls, create_ms, create_calls = parse(stream)
    if not exec_calls:
        print(f"onednn_breakdown: no oneDNN exec lines in {args.log or 'standard input'}; run with DNNL_VERBOSE=1 "
              f"(ONEDNN_VERBOSE=1 from oneDNN 2.5) and a oneDNN build of nd4j (./vsgd-suite env says 'oneDNN on')", file=sys.stderr)
        return 1
    print(markdown(exec_ms, exec_calls, create_ms, create_calls, args.iterations))
    return 0


if __name__ == "__main__":
    sys.exit(main())
