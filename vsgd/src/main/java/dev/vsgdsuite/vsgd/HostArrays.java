package dev.vsgdsuite.vsgd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the host kernels (the optimizers' one-pass loops, the suite's GELU and batch-norm lanes) need
 * to work on nd4j arrays in place: whether they may run at all, a byte view of an array's own
 * elements, parallel chunks of an index range, and whether SIMD lanes (JDK 17's incubating Vector
 * API) are there. The one place that decides host-versus-device for the library and the suite.
 *
 * <h2>The CUDA-path emulation</h2>
 * {@code -D}{@link #EMULATE_CUDA}{@code =true} makes the CPU backend run the code the CUDA backend
 * runs: {@link #hostKernels()} is false, so every optimizer steps through nd4j ops, a forced host
 * kernel is refused, and the suite's layers take their nd4j-op paths. Read once, when this class loads.
 */
public final class HostArrays {

    /** The switch of the CUDA-path emulation (docs/GPU.md). */
    public static final String EMULATE_CUDA = VsgdSwitches.EMULATE_CUDA.name();

    private static final boolean CPU_BACKEND =
            "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    private static final boolean EMULATING = readEmulation();

    private HostArrays() {}

    /** Whether nd4j runs on its CPU backend (arrays in host memory, readable as direct buffers). */
    public static boolean cpuBackend() {
        return CPU_BACKEND;
    }

    /** Whether {@link #EMULATE_CUDA} is on: the CPU backend runs the CUDA path. */
    public static boolean emulatingCuda() {
        return EMULATING;
    }

    /**
     * Whether host kernels may touch nd4j's buffers: the CPU backend, not emulating CUDA. On CUDA a
     * host view of a buffer is a copy whose writes never reach the device.
     */
    public static boolean hostKernels() {
        return CPU_BACKEND && !EMULATING;
    }

    /** The backend a host kernel would run on, as messages name it. */
    public static String backendName() {
        return EMULATING ? "the emulated CUDA path (-D" + EMULATE_CUDA + "=true)"
                : CPU_BACKEND ? "the CPU backend" : "nd4j's " + Nd4j.getExecutioner().getEnvironmentInformation()
                .getProperty("backend") + " backend";
    }

    /** A float32 array whose elements are one contiguous run in its buffer (any rank). */
    public static boolean contiguousFloats(INDArray array) {
        return array.dataType() == DataType.FLOAT && !array.isEmpty() && array.length() <= Integer.MAX_VALUE / Float.BYTES
                && (array.length() <= 1 || array.elementWiseStride() == 1 && (array.ordering() == 'c' || array.isVectorOrScalar()));
    }

    /**
     * The array's own elements as a native-order byte view. asNio() covers the whole underlying buffer
     * from index 0 and ignores a view's offset, so position it at the offset first; slice() forgets
     * the byte order, so set it after. The view is valid while {@code array} is reachable.
     */
    public static ByteBuffer bytes(INDArray array) {
        ByteBuffer whole = array.data().asNio();
        whole.position(Math.toIntExact(array.offset() * array.dataType().width()));
        return whole.slice().order(ByteOrder.nativeOrder());
    }

    /** An index range [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code range} over {@code [0, n)}: in one piece below {@code parallelMin} (where handing
     * work to other threads costs more than it saves), else split evenly over the cores. The ranges
     * are disjoint, so a kernel whose elements never read each other gives the same bits either way.
     */
    public static void inChunks(int n, int parallelMin, Range range) {
        int chunks = Runtime.getRuntime().availableProcessors();
        if (n < parallelMin || chunks < 2) {
            range.run(0, n);
            return;
        }
        int chunk = (n + chunks - 1) / chunks;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * chunk;
            int to = Math.min(n, from + chunk);
            if (from < to) {
                range.run(from, to);
            }
        });
    }

    /**
     * Whether the SIMD kernels can run in this JVM: the incubating module is resolved only when the
     * JVM is started with {@code --add-modules jdk.incubator.vector}, and without real SIMD lanes the
     * Vector API would be slower than a scalar loop. Decided once, on first use; logged once.
     */
    public static boolean simd() {
        return Simd.WHY_NOT == null;
    }

    /** Why {@link #simd()} is false, or null when it is true. */
    public static String whyNoSimd() {
        return Simd.WHY_NOT;
    }

    private static boolean readEmulation() {
        return Boolean.parseBoolean(VsgdSwitches.EMULATE_CUDA.value());
    }

    private static final class Simd {
        static final String WHY_NOT = probe();

        private static String probe() {
            String why;
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                why = "the module jdk.incubator.vector is not in this JVM";
            } else {
                try {
                    int lanes = VsgdVectorStep.lanes();
                    why = lanes >= 4 ? null : "only " + lanes + " float lanes on this CPU";
                } catch (LinkageError e) {
                    why = "the Vector API did not load: " + e;
                }
            }
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HostArrays.class);
            if (why == null) {
                log.info("Host kernels: SIMD ({} float lanes)", VsgdVectorStep.lanes());
            } else {
                log.info("Host kernels: scalar loops for the optimizers, nd4j ops for GELU and batch norm, because {}; "
                        + "start the JVM with --add-modules jdk.incubator.vector for the SIMD kernels", why);
            }
            return why;
        }
    }
}
