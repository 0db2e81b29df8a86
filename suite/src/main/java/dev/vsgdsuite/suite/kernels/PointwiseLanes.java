package dev.vsgdsuite.suite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 1×1 convolutions of the fused layers over channel-major float arrays (a channel's pixels of
 * every sample in one row of m floats): the convolution itself, and its weight gradient. Both are
 * matrix products of a channels×m matrix; they are tiled so that one loaded vector feeds several
 * accumulators and the rows are not read straight across channels. Every output is summed in a
 * fixed order, the same as {@link PlaneLanes#dots}' for the weight gradient, so the results do not
 * depend on the tiling, the thread split or the JIT tier.
 */
public final class PointwiseLanes {

    private static final VectorSpecies<Float> LANES = PlaneLanes.LANES;
    private static final int L = PlaneLanes.L;

    private PointwiseLanes() {}

    /** Pixels of one tile of {@link #pointwise}: two vectors. */
    private static final int TILE = 2 * L;
    /**
     * Below this many input channels the rows are read directly (the demo's patch embedding, 4): a
     * few rows stay within the L1 cache's ways, and the panel's copy would cost more than it saves.
     * From 8 on the panel path runs, also where it gains little (the demo's 16 channels, JMH's
     * PointwiseConvolution): its tile method is called once per tile and so compiled early, where the
     * direct pass, with its loops in one long call, ran its first calls interpreted with boxed vectors
     * (JFR: the Vector API's fallback frames under ConvMixer-256's 12-channel patch embedding, about
     * 65 ms an iteration over a benchmark's first rounds).
     */
    private static final int PANEL_MIN = 8;
    private static final ThreadLocal<float[][]> PANEL = ThreadLocal.withInitial(() -> new float[1][0]);

    /**
     * out[co][j] = bias[co] + Σ_ci w[co·cIn + ci]·in[ci][j] for co in [0, cOut), j in [from, to) of
     * channel rows of m floats (no bias when null), each sum in ci order.
     *
     * <p>Two vectors of pixels at a time, copied first into a panel of cIn·2L contiguous floats: the
     * channel rows lie m floats apart, and when m·4 bytes is a multiple of 4 KiB (ConvMixer-256's 32
     * samples of 16×16) every row's vector falls into the same L1 cache set, so reading them straight
     * from the rows missed the cache on nearly every load. Four output channels by two vectors are
     * eight accumulators, which live only in the innermost loop; what is left over runs {@link
     * #pointwiseNarrow}, with the same sums in the same order. On ConvMixer-256's 256 channels of
     * 32·16·16 pixels this took 15 ms a call on one thread against 800 ms reading the rows directly.
     */
    public static void pointwise(float[] in, float[] w, float[] bias, float[] out, int cIn, int cOut, int m, int from, int to) {
        if (cIn < PANEL_MIN) {
            pointwiseNarrow(in, w, bias, out, cIn, cOut, m, from, to);
            return;
        }
        float[][] holder = PANEL.get();
        if (holder[0].length < cIn * TILE) {
            holder[0] = new float[cIn * TILE];
        }
        float[] panel = holder[0];
        int j = from;
        for (; j + TILE <= to; j += TILE) {
            for (int ci = 0; ci < cIn; ci++) {
                System.arraycopy(in, ci * m + j, panel, ci * TILE, TILE);
            }
            pointwiseTile(panel, w, bias, out, cIn, cOut, m, j);
        }
        pointwiseNarrow(in, w, bias, out, cIn, cOut, m, j, to);
    }

    /** {@link #pointwise} of the 2L pixels from j, read from the panel. */
    private static void pointwiseTile(float[] panel, float[] w, float[] bias, float[] out, int cIn, int cOut, int m, int j) {
        int co = 0;
        for (; co + 4 <= cOut; co += 4) {
            int w0 = co * cIn;
            FloatVector a00 = FloatVector.broadcast(LANES, bias == null ? 0f : bias[co]);
            FloatVector a10 = FloatVector.broadcast(LANES, bias == null ? 0f : bias[co + 1]);
            FloatVector a20 = FloatVector.broadcast(LANES, bias == null ? 0f : bias[co + 2]);
            FloatVector a30 = FloatVector.broadcast(LANES, bias == null ? 0f : bias[co + 3]);
            FloatVector a01 = a00;
            FloatVector a11 = a10;
            FloatVector a21 = a20;
            FloatVector a31 = a30;
            for (int ci = 0; ci < cIn; ci++) {
                FloatVector v0 = FloatVector.fromArray(LANES, panel, ci * TILE);
                FloatVector v1 = FloatVector.fromArray(LANES, panel, ci * TILE + L);
                FloatVector k0 = FloatVector.broadcast(LANES, w[w0 + ci]);
                FloatVector k1 = FloatVector.broadcast(LANES, w[w0 + cIn + ci]);
                FloatVector k2 = FloatVector.broadcast(LANES, w[w0 + 2 * cIn + ci]);
                FloatVector k3 = FloatVector.broadcast(LANES, w[w0 + 3 * cIn + ci]);
                a00 = v0.fma(k0, a00);
                a01 = v1.fma(k0, a01);
                a10 = v0.fma(k1, a10);
                a11 = v1.fma(k1, a11);
                a20 = v0.fma(k2, a20);
                a21 = v1.fma(k2, a21);
                a30 = v0.fma(k3, a30);
                a31 = v1.fma(k3, a31);
            }
            a00.intoArray(out, co * m + j);
            a01.intoArray(out, co * m + j + L);
            a10.intoArray(out, (co + 1) * m + j);
            a11.intoArray(out, (co + 1) * m + j + L);
            a20.intoArray(out, (co + 2) * m + j);
            a21.intoArray(out, (co + 2) * m + j + L);
            a30.intoArray(out, (co + 3) * m + j);
            a31.intoArray(out, (co + 3) * m + j + L);
        }
        for (; co < cOut; co++) {
            FloatVector a0 = FloatVector.broadcast(LANES, bias == null ? 0f : bias[co]);
            FloatVector a1 = a0;
            for (int ci = 0; ci < cIn; ci++) {
                FloatVector k = FloatVector.broadcast(LANES, w[co * cIn + ci]);
                a0 = FloatVector.fromArray(LANES, panel, ci * TILE).fma(k, a0);
                a1 = FloatVector.fromArray(LANES, panel, ci * TILE + L).fma(k, a1);
            }
            a0.intoArray(out, co * m + j);
            a1.intoArray(out, co * m + j + L);
        }
    }

    /** {@link #pointwise} one vector of pixels at a time, straight from the rows, then the scalar remainder. */
    public static void pointwiseNarrow(float[] in, float[] w, float[] bias, float[] out, int cIn, int cOut, int m, int from, int to) {
        int vectorEnd = from + (to - from) / L * L;
        int co = 0;
        for (; co + 4 <= cOut; co += 4) {
            float b0 = bias == null ? 0f : bias[co];
            float b1 = bias == null ? 0f : bias[co + 1];
            float b2 = bias == null ? 0f : bias[co + 2];
            float b3 = bias == null ? 0f : bias[co + 3];
            int w0 = co * cIn;
            for (int j = from; j < vectorEnd; j += L) {
                FloatVector acc0 = FloatVector.broadcast(LANES, b0);
                FloatVector acc1 = FloatVector.broadcast(LANES, b1);
                FloatVector acc2 = FloatVector.broadcast(LANES, b2);
                FloatVector acc3 = FloatVector.broadcast(LANES, b3);
                for (int ci = 0; ci < cIn; ci++) {
                    FloatVector v = FloatVector.fromArray(LANES, in, ci * m + j);
                    acc0 = v.fma(FloatVector.broadcast(LANES, w[w0 + ci]), acc0);
                    acc1 = v.fma(FloatVector.broadcast(LANES, w[w0 + cIn + ci]), acc1);
                    acc2 = v.fma(FloatVector.broadcast(LANES, w[w0 + 2 * cIn + ci]), acc2);
                    acc3 = v.fma(FloatVector.broadcast(LANES, w[w0 + 3 * cIn + ci]), acc3);
                }
                acc0.intoArray(out, co * m + j);
                acc1.intoArray(out, (co + 1) * m + j);
                acc2.intoArray(out, (co + 2) * m + j);
                acc3.intoArray(out, (co + 3) * m + j);
            }
            for (int q = co; q < co + 4; q++) {
                pointwiseTail(in, w, bias, out, cIn, m, q, vectorEnd, to);
            }
        }
        for (; co < cOut; co++) {
            float b = bias == null ? 0f : bias[co];
            for (int j = from; j < vectorEnd; j += L) {
                FloatVector acc = FloatVector.broadcast(LANES, b);
                for (int ci = 0; ci < cIn; ci++) {
                    acc = FloatVector.fromArray(LANES, in, ci * m + j).fma(FloatVector.broadcast(LANES, w[co * cIn + ci]), acc);
                }
                acc.intoArray(out, co * m + j);
            }
            pointwiseTail(in, w, bias, out, cIn, m, co, vectorEnd, to);
        }
    }

    /** {@link #pointwise}'s scalar remainder [from, to) of output channel co, the same fma order. */
    private static void pointwiseTail(float[] in, float[] w, float[] bias, float[] out, int cIn, int m, int co, int from, int to) {
        for (int j = from; j < to; j++) {
            float acc = bias == null ? 0f : bias[co];
            for (int ci = 0; ci < cIn; ci++) {
                acc = Math.fma(in[ci * m + j], w[co * cIn + ci], acc);
            }
            out[co * m + j] = acc;
        }
    }

    /** w [rows][cols] transposed into [cols][rows]. */
    static float[] transposed(float[] w, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }

    /**
     * out[co·cIn + ci] = Σ_j a[co][j]·b[ci][j] for co in [from, to) and every ci in [0, cIn): the
     * 1×1 convolution's weight gradient from the pre-activation gradient a and the input b. Four by
     * four outputs at a time (eight rows read once for sixteen sums), what is left over through
     * {@link PlaneLanes#dots}; each output sums lanes in lane order, then the scalar tail, as dots
     * does, so the two agree bit for bit. {@code lanes}: 16·L floats of scratch.
     */
    public static void weightGradient(float[] a, float[] b, int cIn, int m, float[] out, int from, int to, float[] lanes) {
        int co = from;
        for (; co + 4 <= to; co += 4) {
            int ci = 0;
            for (; ci + 4 <= cIn; ci += 4) {
                tile(a, b, co, ci, m, out, co * cIn + ci, cIn, lanes);
            }
            for (int q = 0; q < 4; q++) {
                for (int c = ci; c < cIn; c += 4) {
                    PlaneLanes.dots(a, b, co + q, c, Math.min(4, cIn - c), out, (co + q) * cIn + c, 1, 0, m, lanes);
                }
            }
        }
        weightGradientByDots(a, b, cIn, m, out, co, to, lanes);
    }

    /** {@link #weightGradient} one output at a time through {@link PlaneLanes#dots}, four inputs per call: the untiled pass. */
    public static void weightGradientByDots(float[] a, float[] b, int cIn, int m, float[] out, int from, int to, float[] lanes) {
        for (int co = from; co < to; co++) {
            for (int c = 0; c < cIn; c += 4) {
                PlaneLanes.dots(a, b, co, c, Math.min(4, cIn - c), out, co * cIn + c, 1, 0, m, lanes);
            }
        }
    }

    /** Scratch for {@link #weightGradient}'s sums: sixteen vectors' lanes. */
    public static float[] scratch() {
        return new float[16 * L];
    }

    /** out[at + p·stride + q] = Σ_j a[ca + p][j]·b[cb + q][j] for p, q in [0, 4). */
    private static void tile(float[] a, float[] b, int ca, int cb, int m, float[] out, int at, int stride, float[] lanes) {
        int end = m / L * L;
        int a0 = ca * m;
        int a1 = a0 + m;
        int a2 = a1 + m;
        int a3 = a2 + m;
        int b0 = cb * m;
        int b1 = b0 + m;
        int b2 = b1 + m;
        int b3 = b2 + m;
        FloatVector s00 = FloatVector.zero(LANES);
        FloatVector s01 = s00;
        FloatVector s02 = s00;
        FloatVector s03 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s12 = s00;
        FloatVector s13 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s22 = s00;
        FloatVector s23 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        FloatVector s32 = s00;
        FloatVector s33 = s00;
        for (int j = 0; j < end; j += L) {
            FloatVector y0 = FloatVector.fromArray(LANES, b, b0 + j);
            FloatVector y1 = FloatVector.fromArray(LANES, b, b1 + j);
            FloatVector y2 = FloatVector.fromArray(LANES, b, b2 + j);
            FloatVector y3 = FloatVector.fromArray(LANES, b, b3 + j);
            FloatVector x = FloatVector.fromArray(LANES, a, a0 + j);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            s02 = x.fma(y2, s02);
            s03 = x.fma(y3, s03);
            x = FloatVector.fromArray(LANES, a, a1 + j);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            s12 = x.fma(y2, s12);
            s13 = x.fma(y3, s13);
            x = FloatVector.fromArray(LANES, a, a2 + j);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            s22 = x.fma(y2, s22);
            s23 = x.fma(y3, s23);
            x = FloatVector.fromArray(LANES, a, a3 + j);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
            s32 = x.fma(y2, s32);
            s33 = x.fma(y3, s33);
        }
        s00.intoArray(lanes, 0);
        s01.intoArray(lanes, L);
        s02.intoArray(lanes, 2 * L);
        s03.intoArray(lanes, 3 * L);
        s10.intoArray(lanes, 4 * L);
        s11.intoArray(lanes, 5 * L);
        s12.intoArray(lanes, 6 * L);
        s13.intoArray(lanes, 7 * L);
        s20.intoArray(lanes, 8 * L);
        s21.intoArray(lanes, 9 * L);
        s22.intoArray(lanes, 10 * L);
        s23.intoArray(lanes, 11 * L);
        s30.intoArray(lanes, 12 * L);
        s31.intoArray(lanes, 13 * L);
        s32.intoArray(lanes, 14 * L);
        s33.intoArray(lanes, 15 * L);
        for (int p = 0; p < 4; p++) {
            int rowA = a0 + p * m;
            for (int q = 0; q < 4; q++) {
                int rowB = b0 + q * m;
                float tail = 0f;
                for (int j = end; j < m; j++) {
                    tail = Math.fma(a[rowA + j], b[rowB + j], tail);
                }
                out[at + p * stride + q] = 0f + (PlaneLanes.inOrder(lanes, (4 * p + q) * L) + tail);
            }
        }
    }
}
