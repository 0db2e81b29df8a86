package dev.vsgdsuite.vsgd;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * DL4J adapter around {@link VsgdStep}: owns one parameter block's slice of the network's updater
 * state and runs the step on the gradient DL4J hands over, in place.
 *
 * <h2>State layout</h2>
 * The state view of a block of {@code n} parameters (from {@code k} parameter tensors) has
 * {@code 3n + k} floats: {@code [μ (n) | Bg (n) | Bh (n) | step count (1) | unused (k − 1)]}. The
 * step count is the block's own 1-based t, as the authors' per-parameter {@code state['step']}: a
 * block whose state starts at zero (a model restored without its updater, a layer trained later)
 * begins with the prior branch of step 1 instead of dividing 0 by 0. DL4J's {@code iteration} is used
 * only for the learning-rate schedule. The count is stored as a float (exact to 2^24 steps).
 *
 * <h2>Kernels</h2>
 * On the CPU backend with float32 contiguous arrays the step is one pass over the gradient and the
 * three state buffers ({@link Kernel#JAVA_BUFFER}); elsewhere (CUDA, other data types) it runs as nd4j
 * ops ({@link Kernel#ND4J_OPS}). Both compute SPEC §1 in the arrays' precision. The system property
 * {@code vsgd.kernel=ops|buffer|auto} forces one (default {@code auto}).
 *
 * <h2>Non-finite gradients</h2>
 * A gradient holding NaN or ±Inf throws {@link NonFiniteGradientException} before any state or the
 * update is written, so the optimizer is never silently poisoned.
 */
public final class VsgdUpdater implements GradientUpdater<Vsgd> {

    /** Keys of {@link #getState()}. */
    public static final String MU = "mu";
    public static final String BG = "bg";
    public static final String BH = "bh";
    public static final String STEP = "step";

    /** Which implementation of the step runs. */
    public enum Kernel { AUTO, JAVA_BUFFER, ND4J_OPS }

    /** Below this many parameters a block is not worth splitting over threads. */
    private static final int PARALLEL_MIN = 1 << 16;
    private static final boolean CPU_BACKEND =
            "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));

    private final Vsgd config;
    private final VsgdStep math;
    private Kernel kernel = kernelFromProperty(System.getProperty("vsgd.kernel", "auto"));

    private INDArray stateView;
    private long blockLength = -1;
    private INDArray mu;
    private INDArray bg;
    private INDArray bh;
    private INDArray stepSlot;
    private long step;

    public VsgdUpdater(Vsgd config) {
        this.config = config;
        this.math = new VsgdStep(config);
    }

    @Override
    public Vsgd getConfig() {
        return config;
    }

    /** Forces one implementation of the step (tests compare both against the golden trajectories). */
    void setKernel(Kernel kernel) {
        this.kernel = kernel;
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
        for (String key : new String[] {MU, BG, BH, STEP}) {
            if (!stateMap.containsKey(key)) {
                throw new IllegalArgumentException("VSGD state map lacks '" + key + "'; it needs " + MU + ", "
                        + BG + ", " + BH + " and " + STEP + ", got " + stateMap.keySet());
            }
        }
        long n = stateMap.get(MU).length();
        INDArray view = Nd4j.create(stateMap.get(MU).dataType(), 3 * n + 1);
        view.get(NDArrayIndex.interval(0, n)).assign(stateMap.get(MU).reshape(n));
        view.get(NDArrayIndex.interval(n, 2 * n)).assign(stateMap.get(BG).reshape(n));
        view.get(NDArrayIndex.interval(2 * n, 3 * n)).assign(stateMap.get(BH).reshape(n));
        view.putScalar(3 * n, stateMap.get(STEP).getDouble(0));
        setStateViewArray(view, new long[] {n}, 'c', initialize);
    }

    /** μ, Bg, Bh (flat views into the state, not copies) and the step count. */
    @Override
    public Map<String, INDArray> getState() {
        requireLayout();
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put(MU, mu);
        state.put(BG, bg);
        state.put(BH, bh);
        state.put(STEP, stepSlot);
        return state;
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
        return bh.div(bg.add(bh));
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
        boolean buffers = useBuffers(gradient);
        rejectNonFinite(gradient, buffers);

        long t = step + 1;
        float lr = (float) config.getLearningRate(iteration, epoch);
        if (buffers) {
            applyBuffers(t, lr, gradient);
        } else {
            INDArray g = gradient.reshape(gradient.ordering(), mu.shape());
            VsgdOpsStep.apply(math, t, lr, g, mu, bg, bh);
            if (!sameData(g, gradient)) {   // reshape copied: write the update back
                gradient.assign(g.reshape(gradient.ordering(), gradient.shape()));
            }
        }
        step = t;
        stepSlot.putScalar(0, (double) t);
    }

    private void applyBuffers(long t, float lr, INDArray gradient) {
        int n = (int) blockLength;
        FloatBuffer g = floats(gradient);
        FloatBuffer m = floats(mu);
        FloatBuffer b1 = floats(bg);
        FloatBuffer b2 = floats(bh);
        if (n < PARALLEL_MIN) {
            math.apply(t, lr, g, m, b1, b2, 0, n);
            return;
        }
        int chunks = Math.max(1, Runtime.getRuntime().availableProcessors());
        int chunk = (n + chunks - 1) / chunks;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * chunk;
            int to = Math.min(n, from + chunk);
            if (from < to) {
                math.apply(t, lr, g, m, b1, b2, from, to);
            }
        });
    }

    private void rejectNonFinite(INDArray gradient, boolean buffers) {
        if (buffers) {
            FloatBuffer g = floats(gradient);
            int bad = VsgdStep.firstNonFinite(g, 0, (int) blockLength);
            if (bad >= 0) {
                throw new NonFiniteGradientException(step + 1, blockLength, bad, g.get(bad));
            }
        } else if (BooleanIndexing.or(gradient, Conditions.notFinite())) {
            INDArray flat = gradient.reshape(gradient.ordering(), new long[] {gradient.length()});
            long bad = 0;
            while (bad < flat.length() && Double.isFinite(flat.getDouble(bad))) {
                bad++;
            }
            throw new NonFiniteGradientException(step + 1, blockLength, bad, flat.getFloat(bad));
        }
    }

    private boolean useBuffers(INDArray gradient) {
        switch (kernel) {
            case ND4J_OPS:
                return false;
            case JAVA_BUFFER:
            case AUTO:
            default:
                boolean possible = gradient.dataType() == DataType.FLOAT && stateView.dataType() == DataType.FLOAT
                        && contiguous(gradient) && contiguous(stateView) && blockLength <= Integer.MAX_VALUE
                        && !gradient.isEmpty();
                if (kernel == Kernel.JAVA_BUFFER && !possible) {
                    throw new IllegalStateException("vsgd.kernel=buffer needs contiguous float32 arrays, got "
                            + gradient.dataType() + " gradient " + gradient.shapeInfoToString());
                }
                return possible && (kernel == Kernel.JAVA_BUFFER || CPU_BACKEND);
        }
    }

    /** Carves μ, Bg, Bh and the step slot out of the state view for a block of {@code n} parameters. */
    private void layout(long n) {
        long need = 3 * n + 1;
        if (stateView.length() < need || stateView.length() > 4 * n) {
            throw new IllegalStateException("VSGD state view has " + stateView.length() + " values but a block of "
                    + n + " parameters needs between " + need + " and " + 4 * n
                    + " (3 per parameter + 1 per parameter tensor): the state does not belong to this block");
        }
        mu = slice(0, n);
        bg = slice(n, 2 * n);
        bh = slice(2 * n, 3 * n);
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

    /**
     * A float view of the array's own elements. asNioFloat() covers the whole underlying buffer from
     * index 0 and ignores a view's offset, so position it at the offset first.
     */
    static FloatBuffer floats(INDArray array) {
        FloatBuffer whole = array.data().asNioFloat();
        whole.position(Math.toIntExact(array.offset()));
        return whole.slice();
    }

    static Kernel kernelFromProperty(String value) {
        switch (value.trim().toLowerCase()) {
            case "auto": return Kernel.AUTO;
            case "buffer": return Kernel.JAVA_BUFFER;
            case "ops": return Kernel.ND4J_OPS;
            default:
                throw new IllegalArgumentException("System property vsgd.kernel=" + value
                        + " is not one of: auto, buffer (one-pass CPU loop), ops (nd4j ops, any backend)");
        }
    }

    private static boolean contiguous(INDArray array) {
        return array.length() <= 1 || (array.elementWiseStride() == 1 && array.ordering() == 'c')
                || array.elementWiseStride() == 1 && array.isVectorOrScalar();
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
