package dev.vsgdsuite.suite.kernels;

import dev.vsgdsuite.vsgd.HostArrays;
import java.nio.ByteBuffer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The exact GELU x·Φ(x) and its derivative Φ(x) + x·φ(x) in one pass over float32 buffers, in SIMD
 * lanes: {@link dev.vsgdsuite.suite.layers.ExactGelu}'s fast path on the CPU backend. Why: composed of nd4j ops, GELU is 5 native
 * calls forward and 13 backward, each over the whole activation, plus temporaries; one pass reads and
 * writes each element once.
 *
 * <h2>How Φ is computed</h2>
 * With z = |x|/√2 and E = exp(−x²/2): Φ(−|x|) = ½·erfc(z) = ½·E·Q(t), t = 1/(1 + p·z), where Q is a
 * degree-9 polynomial fitted to erfc(z)·exp(z²) on z ∈ [0, 12] (least squares in relative error,
 * scipy's erfcx as reference; {@code tools/fit-erfc.py} prints these coefficients): relative error
 * 4.4e-8 there, below float's half ulp. Then Φ(x) = 1 − Φ(−|x|) for x ≥ 0. The same E gives
 * φ(x) = E/√(2π), so the derivative costs nothing more. This is erf to float precision, not the tanh
 * or sigmoid GELU: GeluLanesTest holds it within 2e-7·max(1, |x|) of float64 GELU for the output and
 * 4e-7 for the derivative (float rounding; the composed nd4j ops are as far off), and, unlike
 * 1 + erf(x/√2) in float, within 1e-5 relative in the negative tail.
 *
 * <h2>No subnormal results</h2>
 * A result below float's smallest normal (1.18e-38) in magnitude is written as 0: GELU of x below
 * about −13.2, and a gradient whose Φ + x·φ and ε are both tiny. Subnormal floats reach the next
 * layers' oneDNN kernels, which run many times slower on them (x86 without flush-to-zero): after a few
 * Adam steps at lr 0.1, ConvMixer-256's 1×1-convolution backprop took 6.6× as long as with SGD
 * (bench-training --profile), and with this flush it does not. The change to the function is below
 * 1.2e-38 absolute, far inside float rounding of anything that reaches a weight.
 */
public final class GeluLanes {

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    /** p of t = 1/(1 + p·z). */
    private static final float P = 0.4f;
    /** Q(t) = Σ Q[k]·t^k ≈ erfc(z)·exp(z²), fitted as described above. */
    private static final float[] Q = {
        1.300295116e-05f, 2.253603041e-01f, 2.289025784e-01f, 1.895358711e-01f, 2.316614389e-01f,
        3.789370647e-03f, 1.847841740e-01f, 7.416744251e-03f, -1.061391011e-01f, 3.467566520e-02f};
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    private static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));
    /** Below this many elements one thread does the pass (forking costs more). */
    private static final int PARALLEL_MIN = 1 << 15;

    private GeluLanes() {}

    /** x ← GELU(x), in place, for the {@code n} floats of {@code x}. */
    public static void forward(ByteBuffer x, int n) {
        HostArrays.inChunks(n, PARALLEL_MIN, (from, to) -> viaArrays(x, null, from, to));
    }

    /** x ← ε·GELU'(x), in place: the gradient at the pre-activation, for the {@code n} floats. */
    public static void backward(ByteBuffer x, ByteBuffer epsilon, int n) {
        HostArrays.inChunks(n, PARALLEL_MIN, (from, to) -> viaArrays(x, epsilon, from, to));
    }

    /** Floats of native memory that one pass over Java arrays takes at a time (a multiple of every vector length). */
    private static final int CHUNK = 4096;
    private static final ThreadLocal<float[][]> CHUNKS = ThreadLocal.withInitial(() -> new float[2][CHUNK]);

    /**
     * The pass over native memory, a chunk at a time through Java arrays: JDK 17's vector loads from a
     * ByteBuffer each call a memory-scope check that C2 may leave out of line (see {@link PlaneLanes}),
     * and copying a chunk that stays in the L1 cache costs less than that.
     */
    private static void viaArrays(ByteBuffer x, ByteBuffer epsilon, int from, int to) {
        float[][] chunk = CHUNKS.get();
        java.nio.FloatBuffer xs = x.asFloatBuffer();
        java.nio.FloatBuffer es = epsilon == null ? null : epsilon.asFloatBuffer();
        for (int at = from; at < to; at += CHUNK) {
            int len = Math.min(CHUNK, to - at);
            xs.get(at, chunk[0], 0, len);
            if (es != null) {
                es.get(at, chunk[1], 0, len);
            }
            pass(chunk[0], es == null ? null : chunk[1], chunk[0], 0, len);
            xs.put(at, chunk[0], 0, len);
        }
    }

    /** out ← GELU(x) over the first {@code n} floats ({@code out} may be {@code x}). */
    public static void forward(float[] x, float[] out, int n) {
        HostArrays.inChunks(n, PARALLEL_MIN, (from, to) -> pass(x, null, out, from, to));
    }

    /** out ← ε·GELU'(x) over the first {@code n} floats ({@code out} may be {@code x} or {@code epsilon}). */
    public static void backward(float[] x, float[] epsilon, float[] out, int n) {
        HostArrays.inChunks(n, PARALLEL_MIN, (from, to) -> pass(x, epsilon, out, from, to));
    }

    /**
     * One pass over [from, to): GELU when {@code epsilon} is null, else ε·GELU'. Everything is in this
     * one method on purpose, exp(−x²/2) included: JDK 17's C2 keeps vectors in registers only when
     * the code that uses them is inlined, and a helper that was compiled on its own first is often
     * not inlined again (its vectors are then boxed on every call: the {@code IntSpecies.dummyVector}
     * and {@code tOpTemplate} frames of an earlier profile).
     */
    private static void pass(float[] x, float[] epsilon, float[] out, int from, int to) {
        final boolean backward = epsilon != null;
        final FloatVector one = FloatVector.broadcast(LANES, 1f);
        final FloatVector p = FloatVector.broadcast(LANES, P);
        final FloatVector q0 = FloatVector.broadcast(LANES, Q[0]);
        final FloatVector q1 = FloatVector.broadcast(LANES, Q[1]);
        final FloatVector q2 = FloatVector.broadcast(LANES, Q[2]);
        final FloatVector q3 = FloatVector.broadcast(LANES, Q[3]);
        final FloatVector q4 = FloatVector.broadcast(LANES, Q[4]);
        final FloatVector q5 = FloatVector.broadcast(LANES, Q[5]);
        final FloatVector q6 = FloatVector.broadcast(LANES, Q[6]);
        final FloatVector q7 = FloatVector.broadcast(LANES, Q[7]);
        final FloatVector q8 = FloatVector.broadcast(LANES, Q[8]);
        final FloatVector q9 = FloatVector.broadcast(LANES, Q[9]);
        final FloatVector ln2Hi = FloatVector.broadcast(LANES, -LN2_HI);
        final FloatVector e0 = FloatVector.broadcast(LANES, EXP_TAYLOR[0]);
        final FloatVector e1 = FloatVector.broadcast(LANES, EXP_TAYLOR[1]);
        final FloatVector e2 = FloatVector.broadcast(LANES, EXP_TAYLOR[2]);
        final FloatVector e3 = FloatVector.broadcast(LANES, EXP_TAYLOR[3]);
        final FloatVector e4 = FloatVector.broadcast(LANES, EXP_TAYLOR[4]);
        final FloatVector e5 = FloatVector.broadcast(LANES, EXP_TAYLOR[5]);
        final FloatVector e6 = FloatVector.broadcast(LANES, EXP_TAYLOR[6]);
        final FloatVector e7 = FloatVector.broadcast(LANES, EXP_TAYLOR[7]);
        int i = from;
        for (int end = from + (to - from) / LANES.length() * LANES.length(); i < end; i += LANES.length()) {
            FloatVector v = FloatVector.fromArray(LANES, x, i);
            // e = exp(y), y = −x²/2 ≤ 0: 2^k·P(r), k = round(y/ln2); the same operations as exp(float)
            FloatVector y = v.mul(v).mul(-0.5f);
            FloatVector clamped = y.max(EXP_FLOOR);
            FloatVector rounded = clamped.mul(LOG2_E).add(ROUNDER);   // 1.5·2^23 + k: its low mantissa bits are k
            FloatVector k = rounded.sub(ROUNDER);
            FloatVector rr = k.fma(ln2Hi, clamped).add(k.mul(-LN2_LO));
            FloatVector poly = e7.fma(rr, e6).fma(rr, e5).fma(rr, e4).fma(rr, e3).fma(rr, e2).fma(rr, e1).fma(rr, e0);
            // 2^k with k read off the bits of `rounded` (ROUNDER_BITS + k), not convert(F2I): JDK 17's C2 does
            // not intrinsify that conversion on every CPU, and its Java fallback made the pass several times slower
            IntVector bits = rounded.reinterpretAsInts().add(127 - ROUNDER_BITS).lanewise(VectorOperators.LSHL, 23);
            FloatVector e = poly.mul(bits.reinterpretAsFloats()).blend(0f, y.compare(VectorOperators.LT, EXP_FLOOR));
            FloatVector t = one.div(v.abs().mul(INV_SQRT2).fma(p, one));
            FloatVector q = q9.fma(t, q8).fma(t, q7).fma(t, q6).fma(t, q5).fma(t, q4).fma(t, q3).fma(t, q2)
                    .fma(t, q1).fma(t, q0);
            FloatVector lower = e.mul(0.5f).mul(q);
            FloatVector cdf = lower.blend(one.sub(lower), v.compare(VectorOperators.GE, 0f));
            FloatVector r = backward ? v.fma(e.mul(INV_SQRT_2PI), cdf).mul(FloatVector.fromArray(LANES, epsilon, i)) : v.mul(cdf);
            r.blend(0f, r.abs().compare(VectorOperators.LT, Float.MIN_NORMAL)).intoArray(out, i);
        }
        for (; i < to; i++) {
            float v = x[i];
            float e = exp(v * v * -0.5f);
            float cdf = cdf(v, e);
            float r = backward ? Math.fma(v, e * INV_SQRT_2PI, cdf) * epsilon[i] : v * cdf;
            out[i] = Math.abs(r) < Float.MIN_NORMAL ? 0f : r;
        }
    }

    /** ln 2 split so that k·LN2_HI is exact for |k| &lt; 2^9 (Cody–Waite). */
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.428606765330187e-06f;
    private static final float LOG2_E = 1.4426950408889634f;
    /** 1.5·2^23: adding and subtracting it rounds a float of magnitude &lt; 2^22 to the nearest integer. */
    private static final float ROUNDER = 12582912f;
    /** The bits of {@link #ROUNDER}: those of ROUNDER + k are ROUNDER_BITS + k for |k| &lt; 2^22. */
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Below this exp(y) is under float's smallest normal; those lanes return 0. */
    private static final float EXP_FLOOR = -87f;
    /** Taylor coefficients 1/k! of exp(r), |r| ≤ ln2/2: truncation error below 6e-9 relative. */
    private static final float[] EXP_TAYLOR = {1f, 1f, 1f / 2, 1f / 6, 1f / 24, 1f / 120, 1f / 720, 1f / 5040};

    /** exp(y) for y ≤ 0, one element, the same operations as the lanes. */
    static float exp(float y) {
        float clamped = Math.max(y, EXP_FLOOR);
        float k = clamped * LOG2_E + ROUNDER - ROUNDER;
        float r = Math.fma(k, -LN2_HI, clamped) + k * -LN2_LO;
        float p = EXP_TAYLOR[7];
        for (int i = 6; i >= 0; i--) {
            p = Math.fma(p, r, EXP_TAYLOR[i]);
        }
        float result = p * Float.intBitsToFloat(((int) k + 127) << 23);
        return y < EXP_FLOOR ? 0f : result;
    }

    /** Φ(x), one element, the same arithmetic as the lanes. */
    static float cdf(float x, float e) {
        float t = 1f / Math.fma(Math.abs(x) * INV_SQRT2, P, 1f);
        float q = Q[Q.length - 1];
        for (int k = Q.length - 2; k >= 0; k--) {
            q = Math.fma(q, t, Q[k]);
        }
        float lower = e * 0.5f * q;
        return x >= 0 ? 1f - lower : lower;
    }
}
