package dev.vsgdsuite.suite.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

import jdk.incubator.vector.FloatVector;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * What the suite's Java kernels ({@link GeluLanes}, {@link BatchNormLanes}, and the optim package's
 * torch-exact Adam) need to work on nd4j
 * arrays in place: whether the arrays live in host memory, a byte view of an array's own elements,
 * parallel chunks of an index range, and whether SIMD lanes (JDK 17's incubating Vector API) are
 * there.
 */
public final class CpuArrays {

    private static final boolean CPU_BACKEND =
            "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));

    private CpuArrays() {}

    /** Whether nd4j runs on its CPU backend (arrays in host memory, readable as direct buffers). */
    public static boolean cpuBackend() {
        return CPU_BACKEND;
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
     * work to other threads costs more than it saves), else split evenly over the cores.
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
     * Vector API would be slower than nd4j's ops. Decided once, on first use; logged once.
     */
    public static boolean simd() {
        return Simd.AVAILABLE;
    }

    private static final class Simd {
        static final boolean AVAILABLE;

        static {
            String whyNot;
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                whyNot = "the module jdk.incubator.vector is not in this JVM";
            } else {
                try {
                    int lanes = Lanes.width();
                    whyNot = lanes >= 4 ? null : "only " + lanes + " float lanes on this CPU";
                } catch (LinkageError e) {
                    whyNot = "the Vector API did not load: " + e;
                }
            }
            AVAILABLE = whyNot == null;
            if (!AVAILABLE) {
                LoggerFactory.getLogger(CpuArrays.class).info("GELU and batch norm: nd4j ops and DL4J's helpers, "
                        + "Adam: a scalar loop, "
                        + "because {}; start the JVM with --add-modules jdk.incubator.vector for the SIMD kernels", whyNot);
            }
        }
    }

    /** Touches the Vector API only when called, so that this class loads without the module. */
    private static final class Lanes {
        static int width() {
            return FloatVector.SPECIES_PREFERRED.length();
        }
    }
}
