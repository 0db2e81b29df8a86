package dev.vsgdsuite.suite.kernels;

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
     * out[co][j] = bias[co] + Σ_ci w[co·c + ci]·in[ci][j] for j in [from, to) of channel rows of m
     * floats (no bias when null). Four output channels at a time: each input vector loaded once
     * feeds four accumulators, which live only in the innermost loop.
     */
    static void pointwise(float[] in, float[] w, float[] bias, float[] out, int c, int m, int from, int to) {
        int vectorEnd = from + (to - from) / L * L;
        int co = 0;
        for (; co + 4 <= c; co += 4) {
            float b0 = bias == null ? 0f : bias[co];
            float b1 = bias == null ? 0f : bias[co + 1];
            float b2 = bias == null ? 0f : bias[co + 2];
            float b3 = bias == null ? 0f : bias[co + 3];
            int w0 = co * c;
            for (int j = from; j < vectorEnd; j += L) {
                FloatVector acc0 = FloatVector.broadcast(LANES, b0);
                FloatVector acc1 = FloatVector.broadcast(LANES, b1);
                FloatVector acc2 = FloatVector.broadcast(LANES, b2);
                FloatVector acc3 = FloatVector.broadcast(LANES, b3);
                for (int ci = 0; ci < c; ci++) {
                    FloatVector v = FloatVector.fromArray(LANES, in, ci * m + j);
                    acc0 = v.fma(FloatVector.broadcast(LANES, w[w0 + ci]), acc0);
                    acc1 = v.fma(FloatVector.broadcast(LANES, w[w0 + c + ci]), acc1);
                    acc2 = v.fma(FloatVector.broadcast(LANES, w[w0 + 2 * c + ci]), acc2);
                    acc3 = v.fma(FloatVector.broadcast(LANES, w[w0 + 3 * c + ci]), acc3);
                }
                acc0.intoArray(out, co * m + j);
                acc1.intoArray(out, (co + 1) * m + j);
                acc2.intoArray(out, (co + 2) * m + j);
                acc3.intoArray(out, (co + 3) * m + j);
            }
            for (int q = co; q < co + 4; q++) {
                pointwiseTail(in, w, bias, out, c, m, q, vectorEnd, to);
            }
        }
        for (; co < c; co++) {
            float b = bias == null ? 0f : bias[co];
            for (int j = from; j < vectorEnd; j += L) {
                FloatVector acc = FloatVector.broadcast(LANES, b);
                for (int ci = 0; ci < c; ci++) {
                    acc = FloatVector.fromArray(LANES, in, ci * m + j).fma(FloatVector.broadcast(LANES, w[co * c + ci]), acc);
                }
                acc.intoArray(out, co * m + j);
            }
            pointwiseTail(in, w, bias, out, c, m, co, vectorEnd, to);
        }
    }

    /** {@link #pointwise}'s scalar remainder [from, to) of output channel co, the same fma order. */
    private static void pointwiseTail(float[] in, float[] w, float[] bias, float[] out, int c, int m, int co, int from, int to) {
        for (int j = from; j < to; j++) {
            float acc = bias == null ? 0f : bias[co];
            for (int ci = 0; ci < c; ci++) {
                acc = Math.fma(in[ci * m + j], w[co * c + ci], acc);
            }
            out[co * m + j] = acc;
        }
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
