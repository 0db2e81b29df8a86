package dev.vsgdsuite.suite.optim;

import dev.vsgdsuite.vsgd.HostArrays;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TorchAdamStep#apply} in SIMD lanes (JDK 17's incubating Vector API): the same operations in
 * the same order, each lane rounding as the scalar loop does, so the two agree bit for bit (Java
 * never contracts a·b + c into a fused multiply-add, and neither do lanewise ops). Why: the step is a
 * square root and two divisions per element; in lanes it is bound by memory (four floats read, three
 * written per parameter), not by them.
 *
 * <p>Loaded only when the JVM runs with {@code --add-modules jdk.incubator.vector}
 * ({@code HostArrays.simd()}). Buffers are native-order byte views positioned at the arrays' offsets;
 * indices are element indices.
 */
final class TorchAdamLanes {

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private TorchAdamLanes() {}

    /**
     * The step for elements {@code [from, to)}; the tail that does not fill a vector runs through the
     * scalar loop. Everything is in this one method so that C2 compiles it as one piece and keeps
     * the vectors in registers.
     */
    static void apply(TorchAdamStep c, ByteBuffer m, ByteBuffer v, ByteBuffer grad, int from, int to) {
        final float beta1 = c.beta1();
        final float oneMinusBeta1 = c.oneMinusBeta1();
        final float beta2 = c.beta2();
        final float oneMinusBeta2 = c.oneMinusBeta2();
        final float bc2Sqrt = c.biasCorrection2Sqrt();
        final float eps = c.eps();
        final FloatVector stepSize = FloatVector.broadcast(LANES, c.stepSize());
        final int width = LANES.length();
        final int end = from + (to - from) / width * width;
        for (int i = from; i < end; i += width) {
            int at = i * Float.BYTES;
            FloatVector g = FloatVector.fromByteBuffer(LANES, grad, at, ORDER);
            FloatVector mNew = FloatVector.fromByteBuffer(LANES, m, at, ORDER).mul(beta1).add(g.mul(oneMinusBeta1));
            FloatVector vNew = FloatVector.fromByteBuffer(LANES, v, at, ORDER).mul(beta2)
                    .add(g.mul(oneMinusBeta2).mul(g));
            FloatVector denom = vNew.lanewise(VectorOperators.SQRT).div(bc2Sqrt).add(eps);
            mNew.intoByteBuffer(m, at, ORDER);
            vNew.intoByteBuffer(v, at, ORDER);
            stepSize.mul(mNew).div(denom).intoByteBuffer(grad, at, ORDER);
        }
        if (end < to) {
            c.apply(m.asFloatBuffer(), v.asFloatBuffer(), grad.asFloatBuffer(), end, to);
        }
    }
}
