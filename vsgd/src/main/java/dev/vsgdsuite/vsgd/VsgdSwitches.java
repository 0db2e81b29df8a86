package dev.vsgdsuite.vsgd;

import java.util.List;

import dev.vsgdsuite.vsgd.Switch.When;

/**
 * The library's switches (system properties in the {@code vsgd.} namespace), declared once. A
 * {@code vsgd.} property that none of them declares is refused when an updater is built
 * ({@link #refuseUnknown()}), naming the nearest.
 */
public final class VsgdSwitches {

    public static final Switch KERNEL = Switch.of("vsgd.kernel", "auto", List.of("auto", "vector", "scalar", "ops"),
            When.BUILD, "which implementation of VSGD's step runs: auto (the fastest that applies), vector (SIMD loop), "
                    + "scalar (one-pass loop), ops (nd4j ops, any backend)");
    public static final Switch EMULATE_CUDA = Switch.of("vsgd.emulateCuda", "false", List.of("true", "false"),
            When.PROCESS, "true: the CPU backend runs the code the CUDA backend runs (nd4j ops only, no host kernels)");
    public static final Switch GOLDEN = Switch.free("vsgd.golden", null, When.TEST,
            "one more VSGD golden-trajectory file for the replay tests to replay");
    public static final Switch FIXTURES = Switch.free("vsgd.fixtures", null, When.TEST,
            "the folder holding the golden fixtures (the build sets it)");

    /** Every switch of the library, in the order the docs list them. */
    public static final List<Switch> ALL = List.of(KERNEL, EMULATE_CUDA, GOLDEN, FIXTURES);

    private VsgdSwitches() {}

    /** Refuses a {@code vsgd.} system property that is not one of {@link #ALL}. */
    public static void refuseUnknown() {
        Switch.refuseUnknown(ALL, System.getProperties(), List.of("vsgd."), "VsgdSwitches");
    }
}
