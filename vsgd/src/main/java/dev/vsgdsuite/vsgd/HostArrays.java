package dev.vsgdsuite.vsgd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What {@link VsgdUpdater}'s one-pass kernels need to work on nd4j arrays in place: whether the arrays
 * live in host memory, a byte view of an array's own elements, and whether {@link VsgdVectorStep}
 * can run in this JVM. Internal to the library on purpose: a DL4J user needs none of it.
 */
final class HostArrays {

    private static final boolean CPU_BACKEND =
            "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));

    private HostArrays() {}

    /** Whether nd4j runs on its CPU backend (arrays in host memory, readable as direct buffers). */
    static boolean cpuBackend() {
        return CPU_BACKEND;
    }

    /** A float32 array whose elements are one contiguous run in its buffer (any rank). */
    static boolean contiguousFloats(INDArray array) {
        return array.dataType() == DataType.FLOAT && !array.isEmpty() && array.length() <= Integer.MAX_VALUE / Float.BYTES
                && (array.length() <= 1 || array.elementWiseStride() == 1 && (array.ordering() == 'c' || array.isVectorOrScalar()));
    }

    /**
     * The array's own elements as a native-order byte view. asNio() covers the whole underlying buffer
     * from index 0 and ignores a view's offset, so position it at the offset first; slice() forgets
     * the byte order, so set it after. The view is valid while {@code array} is reachable.
     */
    static ByteBuffer bytes(INDArray array) {
        ByteBuffer whole = array.data().asNio();
        whole.position(Math.toIntExact(array.offset() * array.dataType().width()));
        return whole.slice().order(ByteOrder.nativeOrder());
    }

    /**
     * Whether the SIMD kernel can run in this JVM: the incubating module is resolved only when the JVM
     * is started with {@code --add-modules jdk.incubator.vector}, and without real SIMD lanes the
     * Vector API would be slower than the scalar loop.
     */
    static boolean simd() {
        return Simd.WHY_NOT == null;
    }

    /** Why {@link #simd()} is false, or null when it is true. */
    static String whyNoSimd() {
        return Simd.WHY_NOT;
    }

    /** Decided once, on first use; logged once. */
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
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(VsgdUpdater.class);
            if (why == null) {
                log.info("VSGD step: SIMD kernel ({} float lanes)", VsgdVectorStep.lanes());
            } else {
                log.info("VSGD step: scalar loop, because {}; start the JVM with "
                        + "--add-modules jdk.incubator.vector for the SIMD kernel", why);
            }
            return why;
        }
    }
}
