package dev.vsgdsuite.suite.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.model.ModelSpec;

/**
 * The networks {@code bench-training} times, each by the experiment whose config it comes from, so it
 * is built as that experiment's training builds it (model config at the dataset's input shape, the
 * experiment's optimizer settings). The keys are those of {@code tools/torch_reference.py}.
 */
public enum BenchNetwork {

    /** The authors' demo ConvMixer 16/4 k3 p2 on 1×28×28, 10 classes (PROTOCOL §3). */
    DEMO("demo", null),
    /** VGG16-bn on CIFAR-100 (3×32×32, 100 classes). */
    VGG16("vgg16", "cifar100_vgg"),
    /** ConvMixer-256/8 k5 p2 on CIFAR-100. */
    CONVMIXER256("convmixer256", "cifar100_convmixer"),
    /** ResNeXt c8 d18 w4 ("ResNeXt-18") on CIFAR-100. */
    RESNEXT18("resnext18", "cifar100_resnext"),
    /** VGG19-bn on Tiny ImageNet (3×64×64, 200 classes): for the memory ceiling; PyTorch's script has no such key. */
    VGG19_TINY("vgg19-tiny", "tiny_imagenet_vgg", false),
    /** ConvMixer-256/8 on Tiny ImageNet. */
    CONVMIXER256_TINY("convmixer256-tiny", "tiny_imagenet_convmixer", false),
    /** ResNeXt-18 on Tiny ImageNet. */
    RESNEXT18_TINY("resnext18-tiny", "tiny_imagenet_resnext", false);

    private final String key;
    /** Null for the demo: the demo profile's experiment, whichever that is. */
    private final String experiment;
    private final boolean inTorchReference;

    BenchNetwork(String key, String experiment) {
        this(key, experiment, true);
    }

    BenchNetwork(String key, String experiment, boolean inTorchReference) {
        this.key = key;
        this.experiment = experiment;
        this.inTorchReference = inTorchReference;
    }

    /** Whether tools/torch_reference.py builds this network too. */
    public boolean inTorchReference() {
        return inTorchReference;
    }

    /** The name on the command line and in the JSON lines. */
    public String key() {
        return key;
    }

    public String experiment() {
        return experiment != null ? experiment : ModelCatalog.demoExperiment();
    }

    public ModelSpec spec() {
        return ModelCatalog.of(experiment());
    }

    /** The experiment's config with {@code optimizer}'s settings, as a training run of it resolves them. */
    public RunConfig config(String optimizer) {
        return Experiment.resolve(List.of("experiment=" + experiment(), "optimizer=" + optimizer));
    }

    /** The network named {@code key}, or an error listing the keys. */
    public static BenchNetwork of(String key) {
        for (BenchNetwork n : values()) {
            if (n.key.equals(key)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown network '" + key + "': choose from " + keys());
    }

    /** Comma-separated keys, in order, without repeats. */
    public static List<BenchNetwork> list(String csv) {
        List<BenchNetwork> out = new ArrayList<>();
        for (String key : csv.split(",", -1)) {
            BenchNetwork n = of(key.strip());
            if (out.contains(n)) {
                throw new IllegalArgumentException("network '" + key.strip() + "' is named twice");
            }
            out.add(n);
        }
        return out;
    }

    public static String keys() {
        return Arrays.stream(values()).map(BenchNetwork::key).collect(Collectors.joining(", "));
    }
}
