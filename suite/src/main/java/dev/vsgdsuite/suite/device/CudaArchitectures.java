package dev.vsgdsuite.suite.device;

import java.util.List;
import java.util.Locale;

/**
 * Which GPUs the CUDA build's native library can run on. nd4j-cuda-11.6 1.0.0-M2.1 for linux-x86_64
 * carries machine code (SASS) for compute capabilities 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6
 * and no PTX (its release build passes {@code -Dlibnd4j.compute='3.7 5.0 5.2 6.0 6.1 7.0 7.5 8.0 8.6'};
 * docs/GPU.md). SASS for sm_XY runs on any device of the same major version X with a minor version
 * of at least Y, and without PTX nothing can be compiled for a newer major version at load time: a
 * Hopper (9.0) or Blackwell (10.x, 12.x) GPU finds no kernel image for any op.
 */
public final class CudaArchitectures {

    /** The compute capabilities (major·10 + minor) the native library was compiled for. */
    static final List<Integer> COMPILED = List.of(37, 50, 52, 60, 61, 70, 75, 80, 86);

    private CudaArchitectures() {}

    /** Whether a device of compute capability {@code major.minor} can run the compiled kernels. */
    public static boolean supports(int major, int minor) {
        return COMPILED.stream().anyMatch(cc -> cc / 10 == major && cc % 10 <= minor);
    }

    /** One line: why a device cannot run, and what would lift the limit. */
    public static String refusal(int major, int minor) {
        return String.format(Locale.ROOT, "compute capability %d.%d is not supported by nd4j-cuda-11.6 1.0.0-M2.1, "
                + "whose native library has machine code for compute capability 3.7 to 8.6 only and no PTX "
                + "(no op can run on this GPU). What would lift it: an nd4j CUDA 12 build compiled for sm_%d%d "
                + "(for Hopper, sm_90), which nd4j 1.0.0-M2.1 does not publish on Maven Central; until then "
                + "use a GPU of compute capability 3.7-8.9 (e.g. V100, T4, A100, A10, L4, RTX 30/40)", major, minor,
                major, minor);
    }
}
