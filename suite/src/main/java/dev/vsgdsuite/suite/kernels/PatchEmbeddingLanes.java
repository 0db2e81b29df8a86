package dev.vsgdsuite.suite.kernels;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * ConvMixer's patch embedding, forward and backward, in SIMD lanes over NCHW float32 activations:
 * y = BN(GELU(conv(x) + b)), the convolution p×p with stride p (non-overlapping patches), batch norm
 * in training mode on the batch statistics (biased variance) or in inference on given ones.
 * {@link dev.vsgdsuite.suite.layers.PatchEmbeddingLayer}'s computation.
 *
 * <p>Why: as DL4J layers the embedding is a convolution and a batch norm, a dozen native calls each
 * way with oneDNN's layout conversions; on the demo's 1×28×28 input the convolution's backprop alone
 * was 15 % of an iteration (docs/PERFORMANCE.md) for a few hundred thousand multiply-adds. A
 * convolution whose stride is its kernel is a 1×1 convolution of the input rearranged so that each
 * patch is one pixel of cIn·p·p channels ("space to depth"): here it is that, with the pointwise
 * passes of {@link PlaneLanes} the fused block uses, in the same channel-major layout.
 *
 * <p>One instance per layer and input shape; a training instance keeps the rearranged input, the
 * pre-activations and the GELU outputs for the backward pass. Sums run in a fixed order, so a fixed
 * input gives the same bits every run.
 */
public final class PatchEmbeddingLanes {

    /** The input shape (minibatch, channels, height, width), the patch and the output channels. */
    public record Shape(int n, int cIn, int h, int w, int patch, int c) {
        public Shape {
            if (n < 1 || cIn < 1 || c < 1 || patch < 1 || h < patch || w < patch || h % patch != 0 || w % patch != 0) {
                throw new IllegalArgumentException("patch embedding: bad shape " + n + "x" + cIn + "x" + h + "x" + w
                        + ", patch " + patch + ", " + c + " channels");
            }
            if ((long) n * Math.max(c, (long) cIn * patch * patch) * (h / patch) * (w / patch) > Integer.MAX_VALUE / Float.BYTES) {
                throw new IllegalArgumentException("patch embedding: activation " + n + "x" + c + "x" + h / patch + "x"
                        + w / patch + " too large");
            }
        }

        /** Output pixels per sample. */
        public int outPixels() {
            return (h / patch) * (w / patch);
        }

        /** Channels of the rearranged input: one per input channel and patch offset. */
        int depth() {
            return cIn * patch * patch;
        }

        /** Pixels of every sample: one channel-major row. */
        int m() {
            return n * outPixels();
        }

        /** Floats of the output activation. */
        public int length() {
            return c * m();
        }
    }

    /** Weight {@code [c][cIn·p·p]} (PyTorch's [c, cIn, p, p] in c order), bias, BN's γ and β, and ε. */
    public record Params(float[] w, float[] b, float[] gamma, float[] beta, float eps) {}

    /** The gradients of {@link Params}' arrays, filled by {@link #backward}. */
    public record Gradients(float[] w, float[] b, float[] gamma, float[] beta) {

        public static Gradients of(Shape s) {
            return new Gradients(new float[s.c() * s.depth()], new float[s.c()], new float[s.c()], new float[s.c()]);
        }
    }

    private final Shape s;
    /** What a training pass keeps for backward: the rearranged input, the pre-activations, the GELU outputs. */
    private final float[] x;
    private final float[] a;
    private final float[] g;
    /** The output (forward), then the output gradient (backward). */
    private final float[] y;
    private final float[] t;
    private final float[] dx;
    private final float[] mu;
    private final float[] var;
    private boolean forwardHeld;
    private final ThreadLocal<float[]> lanes = ThreadLocal.withInitial(() -> new float[16 * PlaneLanes.L]);

    public PatchEmbeddingLanes(Shape shape) {
        this.s = shape;
        int m = shape.m();
        x = new float[shape.depth() * m];
        a = new float[shape.length()];
        g = new float[shape.length()];
        y = new float[shape.length()];
        t = new float[shape.length()];
        dx = new float[shape.depth() * m];
        mu = new float[shape.c()];
        var = new float[shape.c()];
    }

    /** Java heap an instance for {@code shape} allocates. */
    public static long heapBytes(Shape shape) {
        return (2L * shape.depth() * shape.m() + 4L * shape.length()) * Float.BYTES;
    }

    public Shape shape() {
        return s;
    }

    /** The batch mean of the last training forward pass. */
    public float[] batchMean() {
        return mu.clone();
    }

    /** The batch variance (biased) of the last training forward pass. */
    public float[] batchVariance() {
        return var.clone();
    }

    /**
     * y from x (NCHW memory). In training the batch statistics are computed and kept for {@link
     * #backward}; in inference {@code mean} and {@code variance} are used.
     */
    public void forward(ByteBuffer in, Params p, boolean training, float[] mean, float[] variance, ByteBuffer out) {
        int c = s.c();
        int m = s.m();
        int len = s.length();
        toDepth(in, x);
        PlaneLanes.overPixels(m, len, (from, to) -> PointwiseLanes.pointwise(x, p.w(), p.b(), a, s.depth(), c, m, from, to));
        GeluLanes.forward(a, g, len);
        PlaneLanes.overChannels(c, len, (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                if (training) {
                    PlaneLanes.statistics(g, 1, c, m, ch, mu, var);
                } else {
                    mu[ch] = mean[ch];
                    var[ch] = variance[ch];
                }
                float scale = p.gamma()[ch] / (float) Math.sqrt(var[ch] + p.eps());
                PlaneLanes.scaleShift(g, y, scale, p.beta()[ch] - mu[ch] * scale, 1, c, m, ch);
            }
        });
        PlaneLanes.toSampleMajor(y, out, s.n(), c, s.outPixels());
        forwardHeld = training;
    }

    /**
     * The parameter gradients, and dx when {@code inputGradient} is not null, from dy, for the last
     * training forward pass (once: its pre-activations are overwritten here).
     */
    public void backward(Params p, ByteBuffer upstream, ByteBuffer inputGradient, Gradients grad) {
        if (!forwardHeld) {
            throw new IllegalStateException("patch embedding: backward needs a training forward pass first");
        }
        forwardHeld = false;
        int c = s.c();
        int k = s.depth();
        int m = s.m();
        int len = s.length();
        PlaneLanes.toChannelMajor(upstream, y, s.n(), c, s.outPixels());
        PlaneLanes.overChannels(c, len, (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                PlaneLanes.normBackward(y, g, t, mu[ch], var[ch], p.gamma()[ch], p.eps(), 1, c, m, ch, grad.gamma(),
                        grad.beta());
            }
        });
        GeluLanes.backward(a, t, a, len);                        // a ← dL/da
        PlaneLanes.overChannels(c, len, (from, to) -> {
            for (int co = from; co < to; co++) {
                grad.b()[co] = PlaneLanes.sum(a, 1, c, m, co);
            }
            PointwiseLanes.weightGradient(a, x, k, m, grad.w(), from, to, lanes.get());
        });
        if (inputGradient != null) {
            float[] transposed = PointwiseLanes.transposed(p.w(), c, k);
            PlaneLanes.overPixels(m, len, (from, to) -> PointwiseLanes.pointwise(a, transposed, null, dx, c, k, m, from, to));
            fromDepth(dx, inputGradient);
        }
    }

    /**
     * NCHW input into the rearranged channel-major array: channel (ci·p + dy)·p + dx, pixel (i, oy,
     * ox) holds x[i][ci][oy·p + dy][ox·p + dx].
     */
    private void toDepth(ByteBuffer nchw, float[] depth) {
        FloatBuffer in = nchw.asFloatBuffer();
        float[] row = new float[s.w()];
        int p = s.patch();
        int wo = s.w() / p;
        int m = s.m();
        for (int i = 0; i < s.n(); i++) {
            for (int ci = 0; ci < s.cIn(); ci++) {
                for (int yy = 0; yy < s.h(); yy++) {
                    in.get(((i * s.cIn() + ci) * s.h() + yy) * s.w(), row, 0, s.w());
                    int base = i * s.outPixels() + yy / p * wo;
                    int channel = (ci * p + yy % p) * p;
                    for (int xx = 0; xx < s.w(); xx++) {
                        depth[(channel + xx % p) * m + base + xx / p] = row[xx];
                    }
                }
            }
        }
    }

    /** The inverse of {@link #toDepth}: a gradient in the rearranged layout back into NCHW memory. */
    private void fromDepth(float[] depth, ByteBuffer nchw) {
        FloatBuffer out = nchw.asFloatBuffer();
        float[] row = new float[s.w()];
        int p = s.patch();
        int wo = s.w() / p;
        int m = s.m();
        for (int i = 0; i < s.n(); i++) {
            for (int ci = 0; ci < s.cIn(); ci++) {
                for (int yy = 0; yy < s.h(); yy++) {
                    int base = i * s.outPixels() + yy / p * wo;
                    int channel = (ci * p + yy % p) * p;
                    for (int xx = 0; xx < s.w(); xx++) {
                        row[xx] = depth[(channel + xx % p) * m + base + xx / p];
                    }
                    out.put(((i * s.cIn() + ci) * s.h() + yy) * s.w(), row, 0, s.w());
                }
            }
        }
    }
}
