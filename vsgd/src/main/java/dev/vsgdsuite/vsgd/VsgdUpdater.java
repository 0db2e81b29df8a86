package dev.vsgdsuite.vsgd;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * DL4J adapter around the VSGD step (docs/PROTOCOL.md §1): owns one parameter block's slice of the network's
 * updater state and runs the step on the gradient DL4J hands over, in place.
 *
 * <h2>State layout</h2>
 * The state view of a block of {@code n} parameters (from {@code k} parameter tensors) has
 * {@code 3n + k} floats: {@code [mug (n) | bg (n) | bhg (n) | step count (1) | unused (k − 1)]}, with
 * the authors' names: mug the posterior mean μ of the true gradient, bg and bhg the running 2·b (Bg,
 * Bh) of the Gamma posteriors of the precisions of g and ĝ. {@link #getState()} uses the same names
 * as keys. The
 * step count is the block's own 1-based t, as the authors' per-parameter {@code state['step']}: a
 * block whose state starts at zero (a model restored without its updater, a layer trained later)
 * begins with the prior branch of step 1 instead of dividing 0 by 0. DL4J's {@code iteration} is used
 * only for the learning-rate schedule. The count is stored as a float (exact to 2^24 steps).
 *
 * <h2>Kernels</h2>
 * On the CPU backend with float32 contiguous arrays the step is one pass over the gradient and the
 * three state buffers, split over the cores: in SIMD lanes ({@link Kernel#VECTOR}) when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}, else as a scalar loop ({@link Kernel#SCALAR}); the
 * two agree bit for bit. Elsewhere (CUDA, other data types) the step runs as nd4j ops
 * ({@link Kernel#ND4J_OPS}). All compute docs/PROTOCOL.md §1 in the arrays' precision. The system property
 * {@code vsgd.kernel=auto|vector|scalar|ops} forces one (default {@code auto}: the fastest that
 * applies). {@link #kernelInUse()} says which one the last step ran.
 *
 * <h2>Non-finite gradients</h2>
 * A gradient holding NaN or ±Inf throws {@link NonFiniteGradientException} before any state or the
 * update is written, so the optimizer is never silently poisoned.
 */
public final class VsgdUpdater implements GradientUpdater<Vsgd> {

    /** Keys of {@link #getState()}: the authors' names, as in their {@code state} dict and the golden files. */
    public static final String MUG = "mug";
    public static final String BG = "bg";
    public static final String BHG = "bhg";
    public static final String STEP = "step";

    /** Which implementation of the step runs. */
    public enum Kernel {
        /** The fastest kernel that applies to the arrays and the JVM. */
        AUTO,
        /** One pass in SIMD lanes over direct float32 buffers (needs the jdk.incubator.vector module). */
        VECTOR,
        /** One pass, one element at a time, over direct float32 buffers. */
        SCALAR,
        /** nd4j ops: any backend, any floating-point type. */
        ND4J_OPS
    }

    /** Below this many parameters a block is not worth splitting over threads. */
    private static final int PARALLEL_MIN = 1 << 16;

    private final Vsgd config;
    private final VsgdCoefficients coefficients;
    private Kernel kernel = kernelFromProperty(System.getProperty("vsgd.kernel", "auto"));

    private INDArray stateView;
    private long blockLength = -1;
    /** Views into {@link #stateView}, fixed by {@link #layout}. */
    private VsgdState<INDArray> state;
    private INDArray stepSlot;
    private long step;
    private Kernel lastKernel = Kernel.AUTO;

    public VsgdUpdater(Vsgd config) {
        this.config = config;
        this.coefficients = new VsgdCoefficients(config);
    }

    @Override
    public Vsgd getConfig() {
        return config;
    }

    /**
     * Forces one implementation of the step, overriding {@code vsgd.kernel} for this block (tests and
     * benchmarks compare them). A kernel that cannot read the arrays fails at the next step.
     */
    public void setKernel(Kernel kernel) {
        this.kernel = java.util.Objects.requireNonNull(kernel, "kernel");
    }

    /**
     * @param gradientShape the shape of the block's gradient, or null when not known yet (DL4J's
     *                      blocks: the layout is then fixed by the first gradient seen)
     */
    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (viewArray.dataType() != DataType.FLOAT && viewArray.dataType() != DataType.DOUBLE
                && viewArray.dataType() != DataType.HALF && viewArray.dataType() != DataType.BFLOAT16) {
            throw new IllegalArgumentException("VSGD state must be a floating-point array, got " + viewArray.dataType());
        }
        if (!(viewArray.rank() == 1 || viewArray.rank() == 2 && viewArray.size(0) == 1)) {
            throw new IllegalArgumentException("VSGD state must be a vector or a row vector, got shape "
                    + java.util.Arrays.toString(viewArray.shape()));
        }
        this.stateView = viewArray;
        if (initialize) {
            stateView.assign(0);
        }
        this.blockLength = -1;
        if (gradientShape != null) {
            layout(lengthOf(gradientShape));
        }
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        for (String key : new String[] {MUG, BG, BHG, STEP}) {
            if (!stateMap.containsKey(key)) {
                throw new IllegalArgumentException("VSGD state map lacks '" + key + "'; it needs " + MUG + ", "
                        + BG + ", " + BHG + " and " + STEP + ", got " + stateMap.keySet());
            }
        }
        long n = stateMap.get(MUG).length();
        INDArray view = Nd4j.create(stateMap.get(MUG).dataType(), 3 * n + 1);
        view.get(NDArrayIndex.interval(0, n)).assign(stateMap.get(MUG).reshape(n));
        view.get(NDArrayIndex.interval(n, 2 * n)).assign(stateMap.get(BG).reshape(n));
        view.get(NDArrayIndex.interval(2 * n, 3 * n)).assign(stateMap.get(BHG).reshape(n));
        view.putScalar(3 * n, stateMap.get(STEP).getDouble(0));
        setStateViewArray(view, new long[] {n}, 'c', initialize);
    }

    /** mug, bg, bhg (flat views into the state, not copies) and the step count. */
    @Override
    public Map<String, INDArray> getState() {
        requireLayout();
        Map<String, INDArray> map = new LinkedHashMap<>();
        map.put(MUG, state.mug());
        map.put(BG, state.bg());
        map.put(BHG, state.bhg());
        map.put(STEP, stepSlot);
        return map;
    }

    /** Number of steps this block has taken; −1 until its layout is known (before its first step). */
    public long stepCount() {
        return blockLength < 0 ? -1 : step;
    }

    /**
     * The implicit momentum β1 = Bh/(Bg + Bh) per element (a new array), the quantity the paper
     * relates to Adam's β1. NaN for elements that have not been stepped yet.
     */
    public INDArray implicitMomentum() {
        requireLayout();
        return state.bhg().div(state.bg().add(state.bhg()));
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (stateView == null) {
            throw new IllegalStateException("VSGD updater has no state array: call setStateViewArray first");
        }
        long n = gradient.length();
        if (blockLength != n) {
            layout(n);
        }
        Kernel run = resolveKernel(gradient);
        long t = step + 1;
        VsgdCoefficients.Step c = coefficients.forStep(t, (float) config.getLearningRate(iteration, epoch));
        if (run == Kernel.ND4J_OPS) {
            rejectNonFinite(gradient);
            INDArray g = gradient.reshape(gradient.ordering(), state.mug().shape());
            VsgdOpsStep.apply(c, state, g);
            if (!sameData(g, gradient)) {   // reshape copied: write the update back
                gradient.assign(g.reshape(gradient.ordering(), gradient.shape()));
            }
        } else {
            ByteBuffer g = HostArrays.bytes(gradient);
            rejectNonFinite(g, run);
            VsgdState<ByteBuffer> bytes = state.map(HostArrays::bytes);
            if (run == Kernel.VECTOR) {
                inChunks((from, to) -> VsgdVectorStep.apply(c, bytes, g, from, to));
            } else {
                VsgdState<FloatBuffer> floats = bytes.map(ByteBuffer::asFloatBuffer);
                FloatBuffer gf = g.asFloatBuffer();
                inChunks((from, to) -> VsgdStep.apply(c, floats, gf, from, to));
            }
        }
        lastKernel = run;
        step = t;
        stepSlot.putScalar(0, (double) t);
    }

    /** The kernel the last step ran ({@link Kernel#AUTO} before the first step). */
    public Kernel kernelInUse() {
        return lastKernel;
    }

    /** An element range [from, to) of the block. */
    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code range} over the block: in one piece below {@link #PARALLEL_MIN} parameters, else in
     * one chunk per core (the ranges are disjoint, and no element of a step reads another).
     */
    private void inChunks(Range range) {
        int n = (int) blockLength;
        int chunks = n < PARALLEL_MIN ? 1 : Runtime.getRuntime().availableProcessors();
        if (chunks == 1) {
            range.run(0, n);
            return;
        }
        int chunk = (n + chunks - 1) / chunks;
        IntStream.range(0, chunks).parallel()
                .forEach(k -> range.run(Math.min(n, k * chunk), Math.min(n, k * chunk + chunk)));
    }

    /** The nd4j-op kernel's check: any array, any backend. */
    private void rejectNonFinite(INDArray gradient) {
        if (BooleanIndexing.or(gradient, Conditions.notFinite())) {
            INDArray flat = gradient.reshape(gradient.ordering(), new long[] {gradient.length()});
            long bad = 0;
            while (bad < flat.length() && Double.isFinite(flat.getDouble(bad))) {
                bad++;
            }
            throw new NonFiniteGradientException(step + 1, blockLength, bad, flat.getFloat(bad));
        }
    }

    /** The CPU kernels' check, over the gradient's byte view, split over the cores like the step. */
    private void rejectNonFinite(ByteBuffer g, Kernel run) {
        FloatBuffer gf = g.asFloatBuffer();
        AtomicInteger first = new AtomicInteger(Integer.MAX_VALUE);
        inChunks((from, to) -> {
            int bad = run == Kernel.VECTOR ? VsgdVectorStep.firstNonFinite(g, from, to)
                    : VsgdStep.firstNonFinite(gf, from, to);
            if (bad >= 0) {
                first.accumulateAndGet(bad, Math::min);
            }
        });
        if (first.get() != Integer.MAX_VALUE) {
            throw new NonFiniteGradientException(step + 1, blockLength, first.get(), gf.get(first.get()));
        }
    }

    /** The kernel for this gradient: the requested one, or for AUTO the fastest that applies. */
    private Kernel resolveKernel(INDArray gradient) {
        if (kernel == Kernel.ND4J_OPS) {
            return Kernel.ND4J_OPS;
        }
        if (kernel == Kernel.AUTO && !HostArrays.cpuBackend()) {
            return Kernel.ND4J_OPS;
        }
        boolean buffers = HostArrays.contiguousFloats(gradient) && HostArrays.contiguousFloats(stateView);
        if (kernel == Kernel.AUTO) {
            return !buffers ? Kernel.ND4J_OPS : HostArrays.simd() ? Kernel.VECTOR : Kernel.SCALAR;
        }
        if (!buffers) {
            throw new IllegalStateException("vsgd.kernel=" + kernel.name().toLowerCase()
                    + " needs contiguous float32 arrays in host memory, got " + gradient.dataType()
                    + " gradient " + gradient.shapeInfoToString() + "; use vsgd.kernel=auto or ops");
        }
        if (kernel == Kernel.VECTOR && !HostArrays.simd()) {
            throw new IllegalStateException("vsgd.kernel=vector needs the Vector API: run the JVM with "
                    + "--add-modules jdk.incubator.vector (" + HostArrays.whyNoSimd() + ")");
        }
        return kernel;
    }

    /** Carves mug, bg, bhg and the step slot out of the state view for a block of {@code n} parameters. */
    private void layout(long n) {
        long need = 3 * n + 1;
        if (stateView.length() < need || stateView.length() > 4 * n) {
            throw new IllegalStateException("VSGD state view has " + stateView.length() + " values but a block of "
                    + n + " parameters needs between " + need + " and " + 4 * n
                    + " (3 per parameter + 1 per parameter tensor): the state does not belong to this block");
        }
        state = new VsgdState<>(slice(0, n), slice(n, 2 * n), slice(2 * n, 3 * n));
        stepSlot = slice(3 * n, 3 * n + 1);
        step = Math.round(stepSlot.getDouble(0));
        blockLength = n;
    }

    /** A view (never a copy) of state elements [from, to), keeping the rank of the state array. */
    private INDArray slice(long from, long to) {
        return stateView.rank() == 1
                ? stateView.get(NDArrayIndex.interval(from, to))
                : stateView.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    private void requireLayout() {
        if (stateView == null || blockLength < 0) {
            throw new IllegalStateException("VSGD state layout is fixed by the first gradient of the block; "
                    + "no step has run yet");
        }
    }

    static Kernel kernelFromProperty(String value) {
        switch (value.trim().toLowerCase()) {
            case "auto": return Kernel.AUTO;
            case "vector": return Kernel.VECTOR;
            case "scalar": return Kernel.SCALAR;
            case "ops": return Kernel.ND4J_OPS;
            default:
                throw new IllegalArgumentException("System property vsgd.kernel=" + value
                        + " is not one of: auto (fastest that applies), vector (SIMD loop), scalar (one-pass loop), "
                        + "ops (nd4j ops, any backend)");
        }
    }

    private static boolean sameData(INDArray a, INDArray b) {
        return a.data() == b.data() && a.offset() == b.offset();
    }

    private static long lengthOf(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return "VsgdUpdater(" + config + ", block=" + blockLength + ", step=" + step + ", kernel=" + kernel + ")";
    }
}
