package dev.vsgdsuite.vsgd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VsgdStep} in SIMD lanes (JDK 17's incubating Vector API): the same operations in the same
 * order, so each lane rounds exactly as the scalar loop does and the two kernels agree bit for bit
 * (Java never contracts a·b + c into a fused multiply-add, and neither do lanewise ops).
 *
 * <p>Why it exists: the step is six divisions or square roots per element. One at a time they make
 * the scalar loop bound by compute; eight or sixteen lanes at a time leave it bound by memory, where
 * a step that reads and writes four floats per parameter belongs.
 *
 * <p>Loaded only when the JVM runs with {@code --add-modules jdk.incubator.vector}; see
 * {@link HostArrays#simd()}. All buffers are byte views positioned at the arrays' own offsets and in
 * native byte order; indices are element indices.
 */
final class VsgdVectorStep {

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VsgdVectorStep() {}

    /** Lanes per vector on this machine (4, 8 or 16 floats; 1–2 would mean no real SIMD). */
    static int lanes() {
        return LANES.length();
    }

    /**
     * One VSGD step for elements {@code [from, to)}; the tail that does not fill a vector runs through
     * the scalar loop. Same contract as {@link VsgdStep#apply}.
     */
    static void apply(VsgdCoefficients.Step c, VsgdState<ByteBuffer> state, ByteBuffer grad, int from, int to) {
        if (c.first()) {
            // The first step uses the priors instead of the rates: once per block per run, so it runs
            // through the scalar loop (the same bits). A lane mask chosen per call here made C2
            // deoptimise when step 2 arrived, and after enough of those it left the method to the
            // unvectorised tier.
            VsgdStep.apply(c, state.map(ByteBuffer::asFloatBuffer), grad.asFloatBuffer(), from, to);
            return;
        }
        final ByteBuffer mug = state.mug();
        final ByteBuffer bg = state.bg();
        final ByteBuffer bhg = state.bhg();
        final float a = c.a();
        final float b0g = c.b0g();
        final float b0h = c.b0h();
        final float rho1 = c.rho1();
        final float rho2 = c.rho2();
        final float keep1 = 1f - rho1;
        final float keep2 = 1f - rho2;
        final float eps = c.eps();
        // Everything stays in this one method so that it is compiled as one piece: a helper compiled on
        // its own first is often not inlined again, and vectors that cross a call are boxed.
        final FloatVector rate = FloatVector.broadcast(LANES, c.lr());
        final int width = LANES.length();
        final int end = from + (to - from) / width * width;
        for (int i = from; i < end; i += width) {
            int at = i * Float.BYTES;
            FloatVector gHat = FloatVector.fromByteBuffer(LANES, grad, at, ORDER);
            FloatVector muPrev = FloatVector.fromByteBuffer(LANES, mug, at, ORDER);
            FloatVector bgOld = FloatVector.fromByteBuffer(LANES, bg, at, ORDER);
            FloatVector bhOld = FloatVector.fromByteBuffer(LANES, bhg, at, ORDER);

            // Expected variances of g_t − g_{t−1} and of ĝ − g.
            FloatVector sg = bgOld.div(a);
            FloatVector sh = bhOld.div(a);

            // Posterior of the true gradient: a precision-weighted mean of ĝ and the previous mean.
            FloatVector sum = sg.add(sh);
            FloatVector muNew = gHat.mul(sg).add(muPrev.mul(sh)).div(sum);
            FloatVector sigma2 = sg.mul(sh).div(sum);
            FloatVector m2 = sigma2.add(muNew.mul(muNew));                       // E[g²]

            // b0 + m2 − 2·μ·μ' + μ'², evaluated left to right as the scalar loop does.
            FloatVector bgNew = m2.add(b0g).sub(muNew.mul(2f).mul(muPrev)).add(muPrev.mul(muPrev));
            FloatVector bhNew = m2.add(b0h).sub(gHat.mul(2f).mul(muNew)).add(gHat.mul(gHat));

            muNew.intoByteBuffer(mug, at, ORDER);
            bgOld.mul(keep1).add(bgNew.mul(rho1)).intoByteBuffer(bg, at, ORDER);
            bhOld.mul(keep2).add(bhNew.mul(rho2)).intoByteBuffer(bhg, at, ORDER);
            // The authors' order: lr / (sqrt(E[g²]) + ε), then × μ.
            rate.div(m2.lanewise(VectorOperators.SQRT).add(eps)).mul(muNew).intoByteBuffer(grad, at, ORDER);
        }
        if (end < to) {
            VsgdStep.apply(c, state.map(ByteBuffer::asFloatBuffer), grad.asFloatBuffer(), end, to);
        }
    }

    /**
     * Index of the first non-finite value in {@code [from, to)}, or −1. The fast pass adds x·0 into
     * lanes that stay 0 for every finite x and become NaN for NaN or ±Inf; only then does it search.
     */
    static int firstNonFinite(ByteBuffer values, int from, int to) {
        final int width = LANES.length();
        FloatVector poison = FloatVector.zero(LANES);
        int i = from;
        for (int end = from + (to - from) / width * width; i < end; i += width) {
            poison = poison.add(FloatVector.fromByteBuffer(LANES, values, i * Float.BYTES, ORDER).mul(0f));
        }
        boolean clean = poison.reduceLanes(VectorOperators.ADD) == 0f;
        int tailFrom = clean ? i : from;
        return VsgdStep.firstNonFinite(values.asFloatBuffer(), tailFrom, to);
    }
}
