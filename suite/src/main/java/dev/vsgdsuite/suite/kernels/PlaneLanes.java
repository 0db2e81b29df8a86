package dev.vsgdsuite.suite.kernels;

import dev.vsgdsuite.vsgd.HostArrays;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD passes over NCHW float32 activations held in Java arrays, one channel or one plane at a time:
 * the arithmetic of {@link MixerBlockLanes}. Arrays, not the activations' native memory: JDK 17's
 * ByteBuffer vector loads each call a memory-scope check that C2 leaves out of line in loops with
 * several loads, which made such loops several times slower (JFR: {@code
 * ScopedMemoryAccess$BufferAccess.scope} frames); a copy in and out costs less.
 *
 * <p>Every sum runs in a fixed order (lanes added in lane order, then the scalar tail), so the same
 * input gives the same bits in every run and every JIT tier. Each pass is its own small method with
 * no vector chosen by a branch: JDK 17's C2 keeps vectors in registers only along straight-line code
 * it inlines.
 */
final class PlaneLanes {

    static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    static final int L = LANES.length();

    private PlaneLanes() {}

    /** Σ a over channel ch. */
    static float sum(float[] a, int n, int c, int hw, int ch) {
        int vectorEnd = hw / L * L;
        FloatVector acc = FloatVector.zero(LANES);
        float tail = 0f;
        for (int s = 0; s < n; s++) {
            int row = (s * c + ch) * hw;
            for (int i = 0; i < vectorEnd; i += L) {
                acc = acc.add(FloatVector.fromArray(LANES, a, row + i));
            }
            for (int i = vectorEnd; i < hw; i++) {
                tail += a[row + i];
            }
        }
        return BatchNormLanes.inOrder(acc) + tail;
    }

    /** Σ (a − centre)² over channel ch. */
    static float sumOfSquares(float[] a, float centre, int n, int c, int hw, int ch) {
        int vectorEnd = hw / L * L;
        FloatVector m = FloatVector.broadcast(LANES, centre);
        FloatVector acc = FloatVector.zero(LANES);
        float tail = 0f;
        for (int s = 0; s < n; s++) {
            int row = (s * c + ch) * hw;
            for (int i = 0; i < vectorEnd; i += L) {
                FloatVector d = FloatVector.fromArray(LANES, a, row + i).sub(m);
                acc = d.fma(d, acc);
            }
            for (int i = vectorEnd; i < hw; i++) {
                float d = a[row + i] - centre;
                tail = Math.fma(d, d, tail);
            }
        }
        return BatchNormLanes.inOrder(acc) + tail;
    }

    /** Σ a·(b − centre) over channel ch. */
    static float sumOfProducts(float[] a, float[] b, float centre, int n, int c, int hw, int ch) {
        int vectorEnd = hw / L * L;
        FloatVector m = FloatVector.broadcast(LANES, centre);
        FloatVector acc = FloatVector.zero(LANES);
        float tail = 0f;
        for (int s = 0; s < n; s++) {
            int row = (s * c + ch) * hw;
            for (int i = 0; i < vectorEnd; i += L) {
                acc = FloatVector.fromArray(LANES, a, row + i).fma(FloatVector.fromArray(LANES, b, row + i).sub(m), acc);
            }
            for (int i = vectorEnd; i < hw; i++) {
                tail = Math.fma(a[row + i], b[row + i] - centre, tail);
            }
        }
        return BatchNormLanes.inOrder(acc) + tail;
    }

    /** out = k1·a + k2·b + k0 over channel ch. */
    static void combine(float[] a, float[] b, float[] out, float k1, float k2, float k0, int n, int c, int hw, int ch) {
        int vectorEnd = hw / L * L;
        FloatVector v1 = FloatVector.broadcast(LANES, k1);
        FloatVector v2 = FloatVector.broadcast(LANES, k2);
        FloatVector v0 = FloatVector.broadcast(LANES, k0);
        for (int s = 0; s < n; s++) {
            int row = (s * c + ch) * hw;
            for (int i = 0; i < vectorEnd; i += L) {
                FloatVector vb = FloatVector.fromArray(LANES, b, row + i).fma(v2, v0);
                FloatVector.fromArray(LANES, a, row + i).fma(v1, vb).intoArray(out, row + i);
            }
            for (int i = vectorEnd; i < hw; i++) {
                out[row + i] = Math.fma(a[row + i], k1, Math.fma(b[row + i], k2, k0));
            }
        }
    }

    /** out = k1·a + k0 over channel ch. */
    static void scaleShift(float[] a, float[] out, float k1, float k0, int n, int c, int hw, int ch) {
        int vectorEnd = hw / L * L;
        FloatVector v1 = FloatVector.broadcast(LANES, k1);
        FloatVector v0 = FloatVector.broadcast(LANES, k0);
        for (int s = 0; s < n; s++) {
            int row = (s * c + ch) * hw;
            for (int i = 0; i < vectorEnd; i += L) {
                FloatVector.fromArray(LANES, a, row + i).fma(v1, v0).intoArray(out, row + i);
            }
            for (int i = vectorEnd; i < hw; i++) {
                out[row + i] = Math.fma(a[row + i], k1, k0);
            }
        }
    }

    /** Channel ch's batch mean and biased variance (as oneDNN's) into mu[ch] and variance[ch]. */
    static void statistics(float[] in, int n, int c, int hw, int ch, float[] mu, float[] variance) {
        mu[ch] = sum(in, n, c, hw, ch) / ((float) n * hw);
        variance[ch] = sumOfSquares(in, mu[ch], n, c, hw, ch) / ((float) n * hw);
    }

    /** Channel ch of batch norm's training-mode backprop: dGamma[ch], dBeta[ch] and the input gradient into out. */
    static void normBackward(float[] dy, float[] in, float[] out, float mu, float variance, float gamma, float eps,
                             int n, int c, int hw, int ch, float[] dGamma, float[] dBeta) {
        float count = (float) n * hw;
        float invStd = 1f / (float) Math.sqrt(variance + eps);
        dBeta[ch] = sum(dy, n, c, hw, ch);                                   // Σ dy
        dGamma[ch] = sumOfProducts(dy, in, mu, n, c, hw, ch) * invStd;       // Σ dy·x̂
        // dx = γ/σ · (dy − Σdy/M − x̂·Σ(dy·x̂)/M) = k1·dy + k2·x + k0
        float k1 = gamma * invStd;
        float k2 = -k1 * dGamma[ch] * invStd / count;
        float k0 = -k1 * dBeta[ch] / count - k2 * mu;
        combine(dy, in, out, k1, k2, k0, n, c, hw, ch);
    }

    /** out[i] = b + Σ_t taps[t]·padded[i + offsets[t]] for i in [0, limit) rounded up to whole vectors. */
    static void convolvePlane(float[] padded, float[] taps, int[] offsets, float b, float[] out, int limit) {
        FloatVector bias = FloatVector.broadcast(LANES, b);
        for (int i = 0; i < limit; i += L) {
            FloatVector acc = bias;
            for (int t = 0; t < taps.length; t++) {
                acc = FloatVector.fromArray(LANES, padded, i + offsets[t]).fma(FloatVector.broadcast(LANES, taps[t]), acc);
            }
            acc.intoArray(out, i);
        }
    }

    /**
     * Σ_planes Σ_i wide[i]·padded[i + offset], i in [0, limit) (limit a multiple of L): each plane
     * summed on its own, then the planes in order ({@code lanes}: L floats of scratch).
     */
    static float shiftedDot(float[][] wide, float[][] padded, int offset, int limit, float[] lanes) {
        float total = 0f;
        for (int p = 0; p < wide.length; p++) {
            float[] w = wide[p];
            float[] x = padded[p];
            FloatVector acc = FloatVector.zero(LANES);
            for (int i = 0; i < limit; i += L) {
                acc = FloatVector.fromArray(LANES, w, i).fma(FloatVector.fromArray(LANES, x, i + offset), acc);
            }
            acc.intoArray(lanes, 0);
            total += inOrder(lanes, 0);
        }
        return total;
    }

    /** lanes[at] + lanes[at + 1] + … + lanes[at + L − 1], in that order. */
    static float inOrder(float[] lanes, int at) {
        float total = 0f;
        for (int l = 0; l < L; l++) {
            total += lanes[at + l];
        }
        return total;
    }

    /**
     * NCHW native memory into a channel-major (CNHW) array: a channel's pixels of every sample are
     * one row, so batch norm's passes and the 1×1 convolutions run over long rows.
     */
    static void toChannelMajor(ByteBuffer nchw, float[] cnhw, int n, int c, int hw) {
        FloatBuffer in = nchw.asFloatBuffer();
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                in.get((i * c + ch) * hw, cnhw, (ch * n + i) * hw, hw);
            }
        }
    }

    /** A channel-major array back into NCHW native memory. */
    static void toSampleMajor(float[] cnhw, ByteBuffer nchw, int n, int c, int hw) {
        FloatBuffer out = nchw.asFloatBuffer();
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                out.put((i * c + ch) * hw, cnhw, (ch * n + i) * hw, hw);
            }
        }
    }

    /** Below this many floats per activation one thread does a pass (forking costs more). */
    static final int PARALLEL_MIN = 1 << 14;

    /** Runs range over channels [0, c) of an activation of {@code length} floats, split in two when it is large. */
    static void overChannels(int c, int length, HostArrays.Range range) {
        HostArrays.inChunks(c, length < PARALLEL_MIN ? Integer.MAX_VALUE : 2, range);
    }

    /** Runs range over [0, m) split at whole vectors (m: the pixels of every sample, one channel-major row). */
    static void overPixels(int m, int length, HostArrays.Range range) {
        int vectors = (m + L - 1) / L;
        HostArrays.inChunks(vectors, length < PARALLEL_MIN ? Integer.MAX_VALUE : 2,
                (from, to) -> range.run(from * L, Math.min(m, to * L)));
    }

    /**
     * out[at + q] = Σ_samples Σ_pixels a[·][ca][·]·b[·][cb + q][·] for q in [0, count), count ≤ 4: a
     * is read once for the four (the loop is bound by loads). Each sample's rows are summed on their
     * own, then the samples in order ({@code lanes}: 4·L floats of scratch).
     *
     * <p>Why per sample: JDK 17's C2 keeps several vector accumulators in registers only within one
     * loop; carried through an outer loop as well, they were boxed on every iteration and this ran
     * about 25 times slower.
     */
    static void dots(float[] a, float[] b, int ca, int cb, int count, float[] out, int at, int n, int c, int hw,
                     float[] lanes) {
        int vectorEnd = hw / L * L;
        int hw1 = count > 1 ? hw : 0;   // rows past count read row 0 again; their sums are dropped
        int hw2 = count > 2 ? 2 * hw : 0;
        int hw3 = count > 3 ? 3 * hw : 0;
        float sum0 = 0f;
        float sum1 = 0f;
        float sum2 = 0f;
        float sum3 = 0f;
        for (int s = 0; s < n; s++) {
            int rowA = (s * c + ca) * hw;
            int rowB = (s * c + cb) * hw;
            FloatVector acc0 = FloatVector.zero(LANES);
            FloatVector acc1 = FloatVector.zero(LANES);
            FloatVector acc2 = FloatVector.zero(LANES);
            FloatVector acc3 = FloatVector.zero(LANES);
            for (int j = 0; j < vectorEnd; j += L) {
                FloatVector va = FloatVector.fromArray(LANES, a, rowA + j);
                acc0 = va.fma(FloatVector.fromArray(LANES, b, rowB + j), acc0);
                acc1 = va.fma(FloatVector.fromArray(LANES, b, rowB + hw1 + j), acc1);
                acc2 = va.fma(FloatVector.fromArray(LANES, b, rowB + hw2 + j), acc2);
                acc3 = va.fma(FloatVector.fromArray(LANES, b, rowB + hw3 + j), acc3);
            }
            acc0.intoArray(lanes, 0);
            acc1.intoArray(lanes, L);
            acc2.intoArray(lanes, 2 * L);
            acc3.intoArray(lanes, 3 * L);
            float tail0 = 0f;
            float tail1 = 0f;
            float tail2 = 0f;
            float tail3 = 0f;
            for (int j = vectorEnd; j < hw; j++) {
                float va = a[rowA + j];
                tail0 = Math.fma(va, b[rowB + j], tail0);
                tail1 = Math.fma(va, b[rowB + hw1 + j], tail1);
                tail2 = Math.fma(va, b[rowB + hw2 + j], tail2);
                tail3 = Math.fma(va, b[rowB + hw3 + j], tail3);
            }
            sum0 += inOrder(lanes, 0) + tail0;
            sum1 += inOrder(lanes, L) + tail1;
            sum2 += inOrder(lanes, 2 * L) + tail2;
            sum3 += inOrder(lanes, 3 * L) + tail3;
        }
        out[at] = sum0;
        if (count > 1) {
            out[at + 1] = sum1;
        }
        if (count > 2) {
            out[at + 2] = sum2;
        }
        if (count > 3) {
            out[at + 3] = sum3;
        }
    }

    /** a[i] += b[i] for i in [from, to). */
    static void add(float[] a, float[] b, int from, int to) {
        int i = from;
        for (int end = from + (to - from) / L * L; i < end; i += L) {
            FloatVector.fromArray(LANES, a, i).add(FloatVector.fromArray(LANES, b, i)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] += b[i];
        }
    }
}
