package dev.vsgdsuite.suite.kernels;

import dev.vsgdsuite.vsgd.HostArrays;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.Map;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation of NCHW float32 activations in SIMD lanes, as a DL4J
 * {@link BatchNormalizationHelper}: the same contract as DL4J's oneDNN helper (training uses the
 * batch mean and biased variance and leaves them in {@link #getMeanCache}/{@link #getVarCache} for the
 * layer's running averages; inference uses the running values), with the arithmetic in Java.
 *
 * <p>Why: through DL4J's oneDNN helper most of a batch-norm call is nd4j's per-call set-up around
 * oneDNN's kernel (a variance op over strided dimensions, descriptor and memory reorders), not the
 * kernel itself (oneDNN's verbose log shows the split). Here a layer is three passes forward and two
 * backward over contiguous channel rows.
 *
 * <p>Installed by {@link dev.vsgdsuite.suite.layers.FastLayers}; layers it cannot serve (not rank 4 NCHW float32 contiguous,
 * locked γ/β) keep DL4J's path, because {@code checkSupported}/{@code preOutput} answer no/null.
 */
public final class BatchNormLanes implements BatchNormalizationHelper {

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Below this many elements one thread does a layer (forking costs more). */
    private static final int PARALLEL_MIN = 1 << 15;

    private INDArray meanCache;
    private INDArray varCache;

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta && HostArrays.hostKernels() && HostArrays.simd();
    }

    @Override
    public boolean checkSupported() {
        return HostArrays.hostKernels() && HostArrays.simd();
    }

    private static boolean fits(INDArray x, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW && x.rank() == 4 && HostArrays.contiguousFloats(x)
                && x.length() <= Integer.MAX_VALUE / Float.BYTES;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray mean,
                              INDArray var, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!fits(x, format) || gamma == null || beta == null) {
            return null;   // DL4J falls back to its own implementation
        }
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int hw = (int) (x.size(2) * x.size(3));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        ByteBuffer in = HostArrays.bytes(x);
        float[] mu;
        float[] variance;
        if (training) {
            mu = new float[c];
            variance = new float[c];
            overChannels(x, c, (from, to) -> {
                for (int ch = from; ch < to; ch++) {
                    statistics(in, n, c, hw, ch, mu, variance);
                }
            });
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.createFromArray(mu);
                varCache = Nd4j.createFromArray(variance);
            }
        } else {
            mu = mean.dup().castTo(DataType.FLOAT).reshape(c).toFloatVector();
            variance = var.dup().castTo(DataType.FLOAT).reshape(c).toFloatVector();
        }
        float[] g = gamma.reshape(c).toFloatVector();
        float[] b = beta.reshape(c).toFloatVector();
        ByteBuffer o = HostArrays.bytes(out);
        overChannels(x, c, (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                float scale = g[ch] / (float) Math.sqrt(variance[ch] + eps);
                scaleShift(in, o, scale, b[ch] - mu[ch] * scale, n, c, hw, ch);   // γ(x − μ)/σ + β
            }
        });
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray x, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!fits(x, format) || !HostArrays.contiguousFloats(epsilon) || meanCache == null || gamma == null) {
            return null;
        }
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int hw = (int) (x.size(2) * x.size(3));
        float[] mu = meanCache.toFloatVector();
        float[] variance = varCache.toFloatVector();
        float[] g = gamma.reshape(c).toFloatVector();
        float[] dGamma = new float[c];
        float[] dBeta = new float[c];
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        ByteBuffer in = HostArrays.bytes(x);
        ByteBuffer dy = HostArrays.bytes(epsilon);
        ByteBuffer out = HostArrays.bytes(dx);
        overChannels(x, c, (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                backwardChannel(dy, in, out, mu[ch], variance[ch], g[ch], (float) eps, n, c, hw, ch, dGamma, dBeta);
            }
        });
        dGammaView.assign(Nd4j.createFromArray(dGamma).reshape(dGammaView.shape()));
        dBetaView.assign(Nd4j.createFromArray(dBeta).reshape(dBetaView.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor("gamma", dGammaView);
        gradient.setGradientFor("beta", dBetaView);
        return new Pair<>(gradient, dx);
    }

    /** Channel {@code ch}'s batch mean and biased variance (as oneDNN's), into {@code mu[ch]} and {@code variance[ch]}. */
    private static void statistics(ByteBuffer in, int n, int c, int hw, int ch, float[] mu, float[] variance) {
        mu[ch] = sum(in, n, c, hw, ch) / ((float) n * hw);
        variance[ch] = sumOfSquares(in, mu[ch], n, c, hw, ch) / ((float) n * hw);
    }

    /**
     * Channel {@code ch} of batch norm's backprop in training mode: {@code dGamma[ch]}, {@code dBeta[ch]}
     * and the input gradient into {@code out}, from the upstream gradient {@code dy}, the layer's input
     * {@code in} and its batch statistics.
     */
    private static void backwardChannel(ByteBuffer dy, ByteBuffer in, ByteBuffer out, float mu, float variance, float gamma,
                                float eps, int n, int c, int hw, int ch, float[] dGamma, float[] dBeta) {
        float count = (float) n * hw;
        float invStd = 1f / (float) Math.sqrt(variance + eps);
        dBeta[ch] = sum(dy, n, c, hw, ch);                                      // Σ dy
        float dyCentred = sumOfProducts(dy, in, mu, n, c, hw, ch);              // Σ dy·(x − μ)
        dGamma[ch] = dyCentred * invStd;                                        // Σ dy·x̂
        // dx = γ/σ · (dy − Σdy/M − x̂·Σ(dy·x̂)/M) = k1·dy + k2·x + k0
        float k1 = gamma * invStd;
        float k2 = -k1 * dGamma[ch] * invStd / count;
        float k0 = -k1 * dBeta[ch] / count - k2 * mu;
        combine(dy, in, out, k1, k2, k0, n, c, hw, ch);
    }

    /** Runs {@code range} over the channels: in one piece for small activations, else split over the cores. */
    private static void overChannels(INDArray x, int channels, HostArrays.Range range) {
        HostArrays.inChunks(channels, x.length() < PARALLEL_MIN ? Integer.MAX_VALUE : 2, range);
    }

    // Each pass is its own small method with no vector chosen by a branch: JDK 17's C2 keeps vectors in
    // registers only along straight-line code that it inlines.

    /** Σ a over channel {@code ch} of an NCHW buffer. */
    private static float sum(ByteBuffer a, int n, int c, int hw, int ch) {
        final int vectorEnd = hw / LANES.length() * LANES.length();
        FloatVector acc = FloatVector.zero(LANES);
        float tail = 0f;
        for (int s = 0; s < n; s++) {
            int row = (s * c + ch) * hw;
            for (int i = 0; i < vectorEnd; i += LANES.length()) {
                acc = acc.add(FloatVector.fromByteBuffer(LANES, a, (row + i) * Float.BYTES, ORDER));
            }
            for (int i = vectorEnd; i < hw; i++) {
                tail += a.getFloat((row + i) * Float.BYTES);
            }
        }
        return inOrder(acc) + tail;
    }

    /** Σ (a − centre)² over channel {@code ch}. */
    private static float sumOfSquares(ByteBuffer a, float centre, int n, int c, int hw, int ch) {
        final int vectorEnd = hw / LANES.length() * LANES.length();
        final FloatVector m = FloatVector.broadcast(LANES, centre);
        FloatVector acc = FloatVector.zero(LANES);
        float tail = 0f;
        for (int s = 0; s < n; s++) {
            int row = (s * c + ch) * hw;
            for (int i = 0; i < vectorEnd; i += LANES.length()) {
                FloatVector d = FloatVector.fromByteBuffer(LANES, a, (row + i) * Float.BYTES, ORDER).sub(m);
                acc = d.fma(d, acc);
            }
            for (int i = vectorEnd; i < hw; i++) {
                float d = a.getFloat((row + i) * Float.BYTES) - centre;
                tail = Math.fma(d, d, tail);
            }
        }
        return inOrder(acc) + tail;
    }

    /** Σ a·(b − centre) over channel {@code ch}. */
    private static float sumOfProducts(ByteBuffer a, ByteBuffer b, float centre, int n, int c, int hw, int ch) {
        final int vectorEnd = hw / LANES.length() * LANES.length();
        final FloatVector m = FloatVector.broadcast(LANES, centre);
        FloatVector acc = FloatVector.zero(LANES);
        float tail = 0f;
        for (int s = 0; s < n; s++) {
            int row = (s * c + ch) * hw;
            for (int i = 0; i < vectorEnd; i += LANES.length()) {
                int at = (row + i) * Float.BYTES;
                FloatVector d = FloatVector.fromByteBuffer(LANES, b, at, ORDER).sub(m);
                acc = FloatVector.fromByteBuffer(LANES, a, at, ORDER).fma(d, acc);
            }
            for (int i = vectorEnd; i < hw; i++) {
                int at = (row + i) * Float.BYTES;
                tail = Math.fma(a.getFloat(at), b.getFloat(at) - centre, tail);
            }
        }
        return inOrder(acc) + tail;
    }

    /**
     * The lanes' sum, added in lane order. Not reduceLanes(ADD): the Vector API leaves the order of a
     * floating-point reduction open, so its last bits may differ between interpreted and compiled code
     * and a run would depend on when the JIT ran.
     */
    static float inOrder(FloatVector acc) {
        float[] lanes = new float[LANES.length()];
        acc.intoArray(lanes, 0);   // not toArray(): in JDK 17 that goes through a cast C2 does not intrinsify
        return PlaneLanes.inOrder(lanes, 0);
    }

    /** out = k1·a + k0 over channel {@code ch}. */
    private static void scaleShift(ByteBuffer a, ByteBuffer out, float k1, float k0, int n, int c, int hw, int ch) {
        final int vectorEnd = hw / LANES.length() * LANES.length();
        final FloatVector v1 = FloatVector.broadcast(LANES, k1);
        final FloatVector v0 = FloatVector.broadcast(LANES, k0);
        for (int s = 0; s < n; s++) {
            int row = (s * c + ch) * hw;
            for (int i = 0; i < vectorEnd; i += LANES.length()) {
                int at = (row + i) * Float.BYTES;
                FloatVector.fromByteBuffer(LANES, a, at, ORDER).fma(v1, v0).intoByteBuffer(out, at, ORDER);
            }
            for (int i = vectorEnd; i < hw; i++) {
                int at = (row + i) * Float.BYTES;
                out.putFloat(at, Math.fma(a.getFloat(at), k1, k0));
            }
        }
    }

    /** out = k1·a + k2·b + k0 over channel {@code ch}. */
    private static void combine(ByteBuffer a, ByteBuffer b, ByteBuffer out, float k1, float k2, float k0,
                                int n, int c, int hw, int ch) {
        final int vectorEnd = hw / LANES.length() * LANES.length();
        final FloatVector v1 = FloatVector.broadcast(LANES, k1);
        final FloatVector v2 = FloatVector.broadcast(LANES, k2);
        final FloatVector v0 = FloatVector.broadcast(LANES, k0);
        for (int s = 0; s < n; s++) {
            int row = (s * c + ch) * hw;
            for (int i = 0; i < vectorEnd; i += LANES.length()) {
                int at = (row + i) * Float.BYTES;
                FloatVector vb = FloatVector.fromByteBuffer(LANES, b, at, ORDER).fma(v2, v0);
                FloatVector.fromByteBuffer(LANES, a, at, ORDER).fma(v1, vb).intoByteBuffer(out, at, ORDER);
            }
            for (int i = vectorEnd; i < hw; i++) {
                int at = (row + i) * Float.BYTES;
                out.putFloat(at, Math.fma(a.getFloat(at), k1, Math.fma(b.getFloat(at), k2, k0)));
            }
        }
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }
}
