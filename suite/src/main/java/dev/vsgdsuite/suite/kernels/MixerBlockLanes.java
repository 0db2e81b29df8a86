package dev.vsgdsuite.suite.kernels;

import dev.vsgdsuite.vsgd.HostArrays;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ConvMixer block, forward and backward, in SIMD lanes over NCHW float32 activations:
 * r = x + BN₁(GELU(depthwise(x) + b₁)), y = BN₂(GELU(pointwise(r) + b₂)), the depthwise convolution
 * k×k with 'same' zero padding, batch norm in training mode on the batch statistics (biased
 * variance) or in inference on given ones. {@link dev.vsgdsuite.suite.layers.MixerBlockLayer}'s computation.
 *
 * <p>Why: as DL4J layers a block is six graph nodes and about thirty native calls forward and
 * backward, each with nd4j's per-call set-up and oneDNN's layout conversions around a few
 * microseconds of arithmetic (docs/PERFORMANCE.md: the demo's convolutions compute for 2.6 ms of a
 * 31 ms iteration). Here a block is one call each way with no conversion.
 *
 * <p>The depthwise convolution works on one zero-padded plane at a time, laid out as rows of
 * {@code w + 2p} floats: then every tap is one shifted read of the whole plane, and a row's
 * overhanging lanes compute values that are dropped. Its weight gradient reads the output gradient
 * in the same row layout with zero columns. Sums run in a fixed order (lanes added in lane order),
 * so a fixed input gives the same bits every run, in every JIT tier; the channel and sample ranges
 * that run in parallel never write the same element.
 *
 * <p>One instance per layer and activation shape: it keeps the forward pass's intermediates (the
 * pre-activations, the GELU outputs, the residual sum and the batch statistics) for the backward
 * pass, in Java arrays ({@link PlaneLanes} says why) laid out channel-major (CNHW: a channel's pixels
 * of every sample in one row, so per-channel passes and the 1×1 convolution run over long rows),
 * copied from and to the activations once per call.
 */
public final class MixerBlockLanes {

    private static final int L = PlaneLanes.L;

    /** The activation shape: minibatch, channels, height, width; and the depthwise kernel (odd). */
    public record Shape(int n, int c, int h, int w, int k) {
        public Shape {
            if (k % 2 == 0 || n < 1 || c < 1 || h < 1 || w < 1) {
                throw new IllegalArgumentException("mixer block: bad shape " + n + "x" + c + "x" + h + "x" + w + ", kernel " + k);
            }
            if ((long) n * c * h * w > Integer.MAX_VALUE / Float.BYTES) {
                throw new IllegalArgumentException("mixer block: activation " + n + "x" + c + "x" + h + "x" + w + " too large");
            }
        }

        int hw() {
            return h * w;
        }

        public int length() {
            return n * c * h * w;
        }

        int pad() {
            return (k - 1) / 2;
        }

        /** Row length of a padded plane. */
        int wp() {
            return w + 2 * pad();
        }

        /** Floats of one padded plane, with room for the last vector's overhang. */
        int padded() {
            return (h + 2 * pad()) * wp() + L + k;
        }

        /** Floats of one plane in padded rows (h rows of wp), rounded up to whole vectors. */
        int wide() {
            return (h * wp() + L - 1) / L * L;
        }
    }

    /**
     * The block's parameters as float arrays: depthwise weights {@code [c][k·k]} and bias, BN₁'s γ
     * and β, pointwise weights {@code [cOut][cIn]} and bias, BN₂'s γ and β, and batch norm's ε.
     */
    public record Params(float[] dwW, float[] dwB, float[] gamma1, float[] beta1, float[] pwW, float[] pwB,
                         float[] gamma2, float[] beta2, float eps) {}

    /** The gradients of {@link Params}' arrays, filled by {@link #backward}. */
    public record Gradients(float[] dwW, float[] dwB, float[] gamma1, float[] beta1, float[] pwW, float[] pwB,
                            float[] gamma2, float[] beta2) {

        public static Gradients of(int c, int k) {
            return new Gradients(new float[c * k * k], new float[c], new float[c], new float[c], new float[c * c],
                    new float[c], new float[c], new float[c]);
        }
    }

    private final Shape s;
    /**
     * What a training forward pass keeps for backward: the input, the pre-activations, the GELU outputs
     * and the residual sum; null for an inference instance, whose passes borrow them.
     */
    private final float[] x;
    private final float[] a1;
    private final float[] g1;
    private final float[] r;
    private final float[] a2;
    private final float[] g2;
    /** The statistics the last forward pass normalised with (batch ones in training). */
    private final float[] mu1;
    private final float[] var1;
    private final float[] mu2;
    private final float[] var2;
    private boolean forwardHeld;
    private final ThreadLocal<Scratch> scratch;

    /**
     * Arrays of one activation's length that no call keeps past its end, per thread and shape: one set
     * serves every block of a network (they run one after the other), so a network of b blocks holds
     * 6·b activations for backprop plus these 7, not 11·b. The last few shapes are kept (training and
     * evaluation batches).
     */
    private static final ThreadLocal<Map<Shape, float[][]>> TEMPORARIES = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Shape, float[][]> eldest) {
                    return size() > 3;
                }
            });
    private static final int TEMPORARY_COUNT = 7;

    /** A kernel for one activation shape; {@code training}: it keeps a training pass's intermediates for backward. */
    public MixerBlockLanes(Shape shape, boolean training) {
        this.s = shape;
        int len = shape.length();
        x = training ? new float[len] : null;
        a1 = training ? new float[len] : null;
        g1 = training ? new float[len] : null;
        r = training ? new float[len] : null;
        a2 = training ? new float[len] : null;
        g2 = training ? new float[len] : null;
        mu1 = new float[shape.c()];
        var1 = new float[shape.c()];
        mu2 = new float[shape.c()];
        var2 = new float[shape.c()];
        scratch = ThreadLocal.withInitial(() -> new Scratch(shape));
    }

    /** Java heap a training kernel of {@code shape} allocates: the six activations it keeps for backward. */
    public static long trainingHeapBytes(Shape shape) {
        return 6L * shape.length() * Float.BYTES;
    }

    private float[][] temporaries() {
        return TEMPORARIES.get().computeIfAbsent(s, k -> new float[TEMPORARY_COUNT][k.length()]);
    }

    public Shape shape() {
        return s;
    }

    /** The batch means of BN₁ and BN₂ of the last training forward pass. */
    public float[] batchMean(int which) {
        return (which == 1 ? mu1 : mu2).clone();
    }

    /** The batch variances (biased) of BN₁ and BN₂ of the last training forward pass. */
    public float[] batchVariance(int which) {
        return (which == 1 ? var1 : var2).clone();
    }

    /**
     * y from x (the activations' memory, NCHW). In training the batch statistics are computed (and
     * kept for {@link #backward}); in inference {@code mean1, variance1, mean2, variance2} are used.
     */
    public void forward(ByteBuffer in, Params p, boolean training, float[] mean1, float[] variance1, float[] mean2,
                        float[] variance2, ByteBuffer out) {
        int n = s.n();
        int c = s.c();
        int hw = s.hw();
        int len = s.length();
        if (training && x == null) {
            throw new IllegalStateException("mixer block: an inference kernel cannot run a training pass");
        }
        float[][] tmp = temporaries();
        float[] y = tmp[0];
        float[] x = training ? this.x : tmp[1];
        float[] a1 = training ? this.a1 : tmp[2];
        float[] g1 = training ? this.g1 : tmp[3];
        float[] r = training ? this.r : tmp[4];
        float[] a2 = training ? this.a2 : tmp[5];
        float[] g2 = training ? this.g2 : tmp[6];
        int m = n * hw;
        toChannelMajor(in, x);
        overChannels((from, to) -> depthwise(x, p.dwW(), p.dwB(), a1, from, to, false));
        GeluLanes.forward(a1, g1, len);
        overChannels((from, to) -> {
            for (int ch = from; ch < to; ch++) {
                if (training) {
                    PlaneLanes.statistics(g1, 1, c, m, ch, mu1, var1);
                } else {
                    mu1[ch] = mean1[ch];
                    var1[ch] = variance1[ch];
                }
                float scale = p.gamma1()[ch] / (float) Math.sqrt(var1[ch] + p.eps());
                PlaneLanes.combine(g1, x, r, scale, 1f, p.beta1()[ch] - mu1[ch] * scale, 1, c, m, ch);   // x + BN₁
            }
        });
        overPixels((from, to) -> PointwiseLanes.pointwise(r, p.pwW(), p.pwB(), a2, c, c, m, from, to));
        GeluLanes.forward(a2, g2, len);
        overChannels((from, to) -> {
            for (int ch = from; ch < to; ch++) {
                if (training) {
                    PlaneLanes.statistics(g2, 1, c, m, ch, mu2, var2);
                } else {
                    mu2[ch] = mean2[ch];
                    var2[ch] = variance2[ch];
                }
                float scale = p.gamma2()[ch] / (float) Math.sqrt(var2[ch] + p.eps());
                PlaneLanes.scaleShift(g2, y, scale, p.beta2()[ch] - mu2[ch] * scale, 1, c, m, ch);
            }
        });
        toSampleMajor(y, out);
        forwardHeld = training;
    }

    /**
     * dx and the parameter gradients from dy, for the last training forward pass on the same x (once:
     * the pass's pre-activations are overwritten here).
     */
    public void backward(Params p, ByteBuffer upstream, ByteBuffer inputGradient, Gradients g) {
        if (!forwardHeld) {
            throw new IllegalStateException("mixer block: backward needs a training forward pass first");
        }
        forwardHeld = false;
        int n = s.n();
        int c = s.c();
        int hw = s.hw();
        int len = s.length();
        float[][] tmp = temporaries();
        float[] dy = tmp[0];
        float[] dx = tmp[1];
        float[] t1 = tmp[2];
        float[] t2 = tmp[3];
        int m = n * hw;
        toChannelMajor(upstream, dy);
        overChannels((from, to) -> {
            for (int ch = from; ch < to; ch++) {
                PlaneLanes.normBackward(dy, g2, t1, mu2[ch], var2[ch], p.gamma2()[ch], p.eps(), 1, c, m, ch,
                        g.gamma2(), g.beta2());
            }
        });
        GeluLanes.backward(a2, t1, a2, len);                     // a2 ← dL/da₂
        overChannels((from, to) -> {
            for (int co = from; co < to; co++) {
                g.pwB()[co] = PlaneLanes.sum(a2, 1, c, m, co);
            }
            PointwiseLanes.weightGradient(a2, r, c, m, g.pwW(), from, to, scratch.get().lanes);
        });
        float[] transposed = PointwiseLanes.transposed(p.pwW(), c, c);
        overPixels((from, to) -> PointwiseLanes.pointwise(a2, transposed, null, t1, c, c, m, from, to));   // t1 ← dL/dr
        overChannels((from, to) -> {
            for (int ch = from; ch < to; ch++) {
                PlaneLanes.normBackward(t1, g1, t2, mu1[ch], var1[ch], p.gamma1()[ch], p.eps(), 1, c, m, ch,
                        g.gamma1(), g.beta1());
            }
        });
        GeluLanes.backward(a1, t2, a1, len);                     // a1 ← dL/da₁
        overChannels((from, to) -> {
            for (int ch = from; ch < to; ch++) {
                g.dwB()[ch] = PlaneLanes.sum(a1, 1, c, m, ch);
            }
            depthwiseWeightGradient(x, a1, g.dwW(), from, to);
            depthwise(a1, p.dwW(), null, dx, from, to, true);     // dx ← depthwiseᵀ(dL/da₁)
        });
        HostArrays.inChunks(len, PlaneLanes.PARALLEL_MIN * 4, (from, to) -> PlaneLanes.add(dx, t1, from, to));   // + dL/dr
        toSampleMajor(dx, inputGradient);
    }

    // ---- the depthwise convolution ----

    /**
     * out = depthwise(in) + bias over channels [from, to); {@code transposed}: the convolution's
     * transpose (the kernel flipped, no bias), which takes an output gradient to the input's.
     */
    private void depthwise(float[] in, float[] w, float[] bias, float[] out, int from, int to, boolean transposed) {
        Scratch sc = scratch.get();
        int kk = s.k() * s.k();
        int hw = s.hw();
        int limit = s.h() * s.wp();
        for (int ch = from; ch < to; ch++) {
            for (int t = 0; t < kk; t++) {
                sc.taps[t] = w[ch * kk + (transposed ? kk - 1 - t : t)];
            }
            float b = bias == null ? 0f : bias[ch];
            for (int i = 0; i < s.n(); i++) {
                int plane = (ch * s.n() + i) * hw;
                pad(in, plane, sc.padded, s.pad());
                PlaneLanes.convolvePlane(sc.padded, sc.taps, sc.offsets, b, sc.wide, limit);
                unpad(sc.wide, out, plane);
            }
        }
    }

    /** Copies a plane into a padded plane at (offset, offset); the rest of the padded plane stays zero. */
    private void pad(float[] in, int plane, float[] padded, int offset) {
        int wp = s.wp();
        for (int row = 0; row < s.h(); row++) {
            System.arraycopy(in, plane + row * s.w(), padded, (row + offset) * wp + offset, s.w());
        }
    }

    /** Copies the first w floats of each padded row back into a plane. */
    private void unpad(float[] wide, float[] out, int plane) {
        int wp = s.wp();
        for (int row = 0; row < s.h(); row++) {
            System.arraycopy(wide, row * wp, out, plane + row * s.w(), s.w());
        }
    }

    /** dW[ch][t] = Σ_samples Σ_pixels dA·x shifted by tap t, over channels [from, to). */
    private void depthwiseWeightGradient(float[] in, float[] dA, float[] dW, int from, int to) {
        Scratch sc = scratch.get();
        int kk = s.k() * s.k();
        int hw = s.hw();
        for (int ch = from; ch < to; ch++) {
            for (int i = 0; i < s.n(); i++) {
                int plane = (ch * s.n() + i) * hw;
                pad(in, plane, sc.paddedPlanes[i], s.pad());
                pad(dA, plane, sc.widePlanes[i], 0);   // rows of wp with zero columns past w
            }
            for (int t = 0; t < kk; t++) {
                dW[ch * kk + t] = PlaneLanes.shiftedDot(sc.widePlanes, sc.paddedPlanes, sc.offsets[t], s.wide(), sc.lanes);
            }
        }
    }

    private void overChannels(HostArrays.Range range) {
        PlaneLanes.overChannels(s.c(), s.length(), range);
    }

    private void overPixels(HostArrays.Range range) {
        PlaneLanes.overPixels(s.n() * s.hw(), s.length(), range);
    }

    private void toChannelMajor(ByteBuffer nchw, float[] cnhw) {
        PlaneLanes.toChannelMajor(nchw, cnhw, s.n(), s.c(), s.hw());
    }

    private void toSampleMajor(float[] cnhw, ByteBuffer nchw) {
        PlaneLanes.toSampleMajor(cnhw, nchw, s.n(), s.c(), s.hw());
    }

    /** One thread's planes: zero borders and zero overhangs, which nothing but the interiors ever overwrites. */
    private static final class Scratch {
        final float[] padded;
        final float[] wide;
        final float[][] paddedPlanes;
        final float[][] widePlanes;
        final float[] taps;
        /** Sixteen vectors' lanes, for sums in lane order. */
        final float[] lanes = new float[16 * L];
        /** Tap t = (ky, kx) reads the padded plane at i + ky·wp + kx. */
        final int[] offsets;

        Scratch(Shape s) {
            padded = new float[s.padded()];
            wide = new float[s.wide()];
            paddedPlanes = new float[s.n()][s.padded()];
            widePlanes = new float[s.n()][s.wide()];
            taps = new float[s.k() * s.k()];
            offsets = new int[s.k() * s.k()];
            for (int ky = 0; ky < s.k(); ky++) {
                for (int kx = 0; kx < s.k(); kx++) {
                    offsets[ky * s.k() + kx] = ky * s.wp() + kx;
                }
            }
        }
    }
}
