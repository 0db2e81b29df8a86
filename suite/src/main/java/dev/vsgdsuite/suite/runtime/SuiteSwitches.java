package dev.vsgdsuite.suite.runtime;

import java.util.ArrayList;
import java.util.List;

import dev.vsgdsuite.vsgd.Switch;
import dev.vsgdsuite.vsgd.Switch.When;
import dev.vsgdsuite.vsgd.VsgdSwitches;

/**
 * The suite's switches (system properties in the {@code suite.} namespace), declared once, beside the
 * library's ({@link VsgdSwitches}). {@code docs/SWITCHES.md} is rendered from {@link #ALL}
 * ({@code ./vsgd-suite switches}); a property in either namespace that nothing declares is refused
 * when the suite starts ({@link #refuseUnknown()}), and a benchmark's {@code --variant} takes only a
 * declared {@link When#BUILD} switch.
 */
public final class SuiteSwitches {

    public static final Switch CONV_CACHE = Switch.of("suite.convCache", "true", List.of("true", "false"), When.BUILD,
            "true: a convolution's pre-activation is kept from the forward pass for its backprop "
                    + "(DL4J would compute the convolution again); false: DL4J's default");
    public static final Switch GROUPED_CONV = Switch.of("suite.groupedConv", "layer", List.of("layer", "slices"),
            When.BUILD, "a grouped convolution as one layer (layer) or as per-group convolutions over channel "
                    + "slices, merged (slices: a cross-check)");
    public static final Switch FAST_LAYERS = Switch.of("suite.fastLayers", "true", List.of("true", "false"),
            When.BUILD, "true: batch norm runs the suite's SIMD kernel on the CPU; false: DL4J's helper");
    public static final Switch GELU = Switch.of("suite.gelu", "auto", List.of("auto", "ops"), When.BUILD,
            "auto: GELU's fused SIMD pass where it applies; ops: nd4j ops everywhere (a cross-check)");
    public static final Switch MIXER_BLOCKS = Switch.of("suite.mixerBlocks", "fused", List.of("fused", "blocks", "layers"),
            When.BUILD, "fused: ConvMixer's patch embedding and each block are one layer computed in SIMD lanes on the "
                    + "CPU, and its pooling and softmax output are computed on the host; blocks: only the blocks are, the "
                    + "patch embedding and the head are DL4J's layers; layers: DL4J's convolution, batch-norm, add, pooling "
                    + "and output layers throughout (a cross-check; always on other backends)");
    public static final Switch RESIDENT_LIMIT = Switch.free("suite.residentLimit", null, When.RUN,
            "the process's resident memory a training keeps under, checked once per iteration (bytes, or with k, m, g "
                    + "or t: 18g); over it the suite collects garbage, and stops with a message if that does not "
                    + "help (default: no limit; the launcher and the Maven builds set one)");
    public static final Switch ROOT = Switch.free("suite.root", null, When.PROCESS,
            "the project folder (default: the nearest folder above the working directory with pom.xml and fixtures/)");
    public static final Switch DATA = Switch.free("suite.data.*", null, When.RUN,
            "the folder that holds a dataset, per dataset id (e.g. -Dsuite.data.cifar100=/data/cifar100)");
    public static final Switch PROFILE = Switch.free("suite.profile", null, When.TEST,
            "the profile a Maven profile's tests run (the build sets it)");
    public static final Switch SEEDS = Switch.free("suite.seeds", null, When.RUN,
            "the seeds of a profile's runs: a count or a comma list (default: the profile's)");
    public static final Switch LR = Switch.free("suite.lr", null, When.RUN,
            "the learning rates of a profile's runs: tuned or config (default: the profile's)");
    public static final Switch SHARD = Switch.free("suite.shard", null, When.RUN,
            "i/n: run the i-th of n disjoint parts of a profile's runs or searches");
    public static final Switch CLAIMS_ONLY = Switch.of("suite.claimsOnly", "false", List.of("true", "false"), When.TEST,
            "true: the full-paper profile runs only its claim tests, over run folders already there");
    public static final Switch TUNE_PROFILE = Switch.of("suite.tune.profile", "demo", List.of("demo", "full-paper"),
            When.TEST, "the profile whose learning rates mvn verify -Ptune searches");
    public static final Switch BASELINES_GOLDEN = Switch.free("suite.baselines.golden", null, When.TEST,
            "one more baselines golden file (torch.optim trajectories) for the replay tests to replay");
    public static final Switch TUNE_OVERLAYS = Switch.free("suite.tune.overlays", null, When.TEST,
            "the folder mvn verify -Ptune writes its tuned overlays to (default: configs/tuned)");
    public static final Switch TUNE_OVERRIDES = Switch.free("suite.tune.overrides", null, When.TEST,
            "KEY=VALUE … given to every search of mvn verify -Ptune (a smaller plan, other settings)");
    public static final Switch ALLURE_KEEP = Switch.of("suite.allure.keep", "false", List.of("true", "false"),
            When.TEST, "true: a test run adds to the Allure results already there (to merge shards) instead of "
                    + "starting from none");

    /** The suite's own switches, in the order the docs list them. */
    public static final List<Switch> SUITE = List.of(CONV_CACHE, GROUPED_CONV, FAST_LAYERS, GELU, MIXER_BLOCKS, RESIDENT_LIMIT, ROOT, DATA, SEEDS, LR,
            SHARD, PROFILE, CLAIMS_ONLY, TUNE_PROFILE, TUNE_OVERLAYS, TUNE_OVERRIDES, BASELINES_GOLDEN, ALLURE_KEEP);

    /** Every switch: the library's, then the suite's. */
    public static final List<Switch> ALL;

    static {
        List<Switch> all = new ArrayList<>(VsgdSwitches.ALL);
        all.addAll(SUITE);
        ALL = List.copyOf(all);
    }

    /** Where the switches are listed, for messages. */
    public static final String LISTED_IN = "docs/SWITCHES.md";

    private SuiteSwitches() {}

    /**
     * Refuses a {@code suite.} or {@code vsgd.} system property that no switch declares.
     *
     * @throws IllegalArgumentException one line naming the property and the nearest switch
     */
    public static void refuseUnknown() {
        Switch.refuseUnknown(ALL, System.getProperties(), List.of("suite.", "vsgd."), LISTED_IN);
    }

    /**
     * The declared switch named {@code property}.
     *
     * @throws IllegalArgumentException naming the nearest when none is
     */
    public static Switch named(String property) {
        return Switch.find(property, ALL).orElseThrow(() -> new IllegalArgumentException(
                Switch.unknown(property, ALL, LISTED_IN).substring(2)));
    }

    /** docs/SWITCHES.md: every switch, its values, default, when it is read and what it does. */
    public static String markdown() {
        StringBuilder md = new StringBuilder("# Switches\n\n");
        md.append("System properties that change how the suite and the library run, rendered from their declarations ")
                .append("(`vsgd.VsgdSwitches`, `suite.runtime.SuiteSwitches`) by `./vsgd-suite switches`; a test ")
                .append("keeps this file equal to that output. Give them as `-DNAME=VALUE`: to Maven, or to the ")
                .append("launcher through `VSGD_JAVA_OPTS`. A `suite.` or `vsgd.` property that is not listed here is ")
                .append("refused with the nearest name, and `bench-training --variant NAME=VALUE` takes the switches ")
                .append("read when a network is built.\n\n");
        md.append("| switch | values | default | read | what it does |\n|---|---|---|---|---|\n");
        for (Switch s : ALL) {
            md.append("| `").append(s.name()).append("` | ")
                    .append(s.values().isEmpty() ? "any" : "`" + String.join("` \\| `", s.values()) + "`").append(" | ")
                    .append(s.defaultValue() == null ? "unset" : "`" + s.defaultValue() + "`").append(" | ")
                    .append(s.when()).append(" | ").append(s.meaning().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }
}
