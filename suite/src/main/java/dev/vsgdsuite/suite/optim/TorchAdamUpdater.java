package dev.vsgdsuite.suite.optim;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.vsgdsuite.suite.dl4j.CpuArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The {@link TorchAdam} step on one parameter block of a DL4J network: owns the block's slice of the
 * network's updater state and overwrites the gradient DL4J hands over with the update, in place.
 *
 * <h2>State layout</h2>
 * For a block of {@code n} parameters from {@code k} parameter tensors the view holds {@code 2n + k}
 * floats: {@code [exp_avg (n) | exp_avg_sq (n) | step (1) | unused (k − 1)]}. The step count is the
 * block's own t, as torch's per-parameter {@code state['step']}: a block whose state starts at zero (a
 * network restored without its updater, a layer trained later) starts at t = 1, as torch does, rather
 * than at DL4J's iteration. The iteration drives only the learning-rate schedule. The count is a float,
 * exact to 2^24 steps. {@link #getState()} returns views under torch's names.
 *
 * <h2>Kernels</h2>
 * On the CPU backend with contiguous float32 arrays the step is one pass over the four arrays, split
 * over the cores for large blocks: in SIMD lanes ({@link Kernel#VECTOR}) when the JVM has the Vector
 * API, else as a scalar loop ({@link Kernel#SCALAR}); the two agree bit for bit. Otherwise (CUDA, other
 * data types, strided views) it runs as nd4j ops ({@link Kernel#ND4J_OPS}) in the same order.
 * Elements never read each other, so the split does not change a bit: same inputs, same outputs.
 */
public final class TorchAdamUpdater implements GradientUpdater<TorchAdam> {

    /** Keys of {@link #getState()}: torch's names. */
    public static final String EXP_AVG = "exp_avg";
    public static final String EXP_AVG_SQ = "exp_avg_sq";
    public static final String STEP = "step";

    /** Which implementation of the step runs. */
    public enum Kernel {
        /** The fastest kernel that applies to the arrays and the JVM. */
        AUTO,
        /** One pass in SIMD lanes over direct float32 buffers. */
        VECTOR,
        /** One pass, one element at a time, over direct float32 buffers. */
        SCALAR,
        /** nd4j ops: any backend, any floating-point type. */
        ND4J_OPS
    }

    /** Below this many parameters a block is not worth splitting over threads. */
    private static final int PARALLEL_MIN = 1 << 16;

    private final TorchAdam config;
    private Kernel kernel = Kernel.AUTO;
    private Kernel lastKernel = Kernel.AUTO;

    private INDArray stateView;
    private long blockLength = -1;
    private INDArray expAvg;
    private INDArray expAvgSq;
    private INDArray stepSlot;
    private long step;

    public TorchAdamUpdater(TorchAdam config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public TorchAdam getConfig() {
        return config;
    }

    /** Forces one kernel (tests compare them); a kernel that cannot read the arrays fails at the next step. */
    public void setKernel(Kernel kernel) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /** The kernel the last step ran ({@link Kernel#AUTO} before the first step). */
    public Kernel kernelInUse() {
        return lastKernel;
    }

    /**
     * @param gradientShape the block's gradient shape, or null when not known yet (DL4J's blocks: the
     *                      layout is then fixed by the first gradient)
     */
    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (!viewArray.dataType().isFPType()) {
            throw new IllegalArgumentException("Adam state must be a floating-point array, got " + viewArray.dataType());
        }
        if (!(viewArray.rank() == 1 || viewArray.rank() == 2 && viewArray.size(0) == 1)) {
            throw new IllegalArgumentException("Adam state must be a vector or a row vector, got shape "
                    + Arrays.toString(viewArray.shape()));
        }
        this.stateView = viewArray;
        if (initialize) {
            stateView.assign(0);
        }
        this.blockLength = -1;
        if (gradientShape != null) {
            layout(Arrays.stream(gradientShape).reduce(1, (a, b) -> a * b));
        }
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        for (String key : new String[] {EXP_AVG, EXP_AVG_SQ, STEP}) {
            if (!stateMap.containsKey(key)) {
                throw new IllegalArgumentException("Adam state map lacks '" + key + "'; it needs " + EXP_AVG + ", "
                        + EXP_AVG_SQ + " and " + STEP + ", got " + stateMap.keySet());
            }
        }
        INDArray m = stateMap.get(EXP_AVG);
        long n = m.length();
        INDArray view = Nd4j.create(m.dataType(), 2 * n + 1);
        view.get(NDArrayIndex.interval(0, n)).assign(m.reshape(n));
        view.get(NDArrayIndex.interval(n, 2 * n)).assign(stateMap.get(EXP_AVG_SQ).reshape(n));
        view.putScalar(2 * n, stateMap.get(STEP).getDouble(0));
        setStateViewArray(view, new long[] {n}, 'c', initialize);
    }

    /** exp_avg and exp_avg_sq (views into the state, not copies) and the step count. */
    @Override
    public Map<String, INDArray> getState() {
        if (stateView == null || blockLength < 0) {
            throw new IllegalStateException("Adam state layout is fixed by the first gradient of the block; "
                    + "no step has run yet");
        }
        Map<String, INDArray> map = new LinkedHashMap<>();
        map.put(EXP_AVG, expAvg);
        map.put(EXP_AVG_SQ, expAvgSq);
        map.put(STEP, stepSlot);
        return map;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (stateView == null) {
            throw new IllegalStateException("Adam updater has no state array: call setStateViewArray first");
        }
        if (blockLength != gradient.length()) {
            layout(gradient.length());
        }
        long t = step + 1;
        TorchAdamStep c = TorchAdamStep.of(config, t, config.getLearningRate(iteration, epoch));
        Kernel run = resolveKernel(gradient);
        if (run == Kernel.ND4J_OPS) {
            opsStep(c, gradient);
        } else {
            int n = (int) blockLength;
            ByteBuffer g = CpuArrays.bytes(gradient);
            ByteBuffer m = CpuArrays.bytes(expAvg);
            ByteBuffer v = CpuArrays.bytes(expAvgSq);
            if (run == Kernel.VECTOR) {
                CpuArrays.inChunks(n, PARALLEL_MIN, (from, to) -> TorchAdamLanes.apply(c, m, v, g, from, to));
            } else {
                FloatBuffer mf = m.asFloatBuffer();
                FloatBuffer vf = v.asFloatBuffer();
                FloatBuffer gf = g.asFloatBuffer();
                CpuArrays.inChunks(n, PARALLEL_MIN, (from, to) -> c.apply(mf, vf, gf, from, to));
            }
        }
        lastKernel = run;
        step = t;
        stepSlot.putScalar(0, (double) t);
    }

    /** {@link TorchAdamStep#apply} as nd4j ops, one rounding per op in the same order. */
    private void opsStep(TorchAdamStep c, INDArray gradient) {
        INDArray g = gradient.reshape(gradient.ordering(), expAvg.shape());
        expAvg.muli(c.beta1()).addi(g.mul(c.oneMinusBeta1()));
        expAvgSq.muli(c.beta2()).addi(g.mul(c.oneMinusBeta2()).muli(g));
        INDArray denom = Transforms.sqrt(expAvgSq, true).divi(c.biasCorrection2Sqrt()).addi(c.eps());
        g.assign(expAvg.mul(c.stepSize()).divi(denom));
        if (g.data() != gradient.data() || g.offset() != gradient.offset()) {   // reshape copied: write back
            gradient.assign(g.reshape(gradient.ordering(), gradient.shape()));
        }
    }

    /** The kernel for this gradient: the requested one, or for AUTO the fastest that applies. */
    private Kernel resolveKernel(INDArray gradient) {
        if (kernel == Kernel.ND4J_OPS || kernel == Kernel.AUTO && !CpuArrays.cpuBackend()) {
            return Kernel.ND4J_OPS;
        }
        boolean buffers = CpuArrays.contiguousFloats(gradient) && CpuArrays.contiguousFloats(stateView);
        if (kernel == Kernel.AUTO) {
            return !buffers ? Kernel.ND4J_OPS : CpuArrays.simd() ? Kernel.VECTOR : Kernel.SCALAR;
        }
        if (!buffers) {
            throw new IllegalStateException("The " + kernel + " Adam kernel needs contiguous float32 arrays in host memory, got "
                    + gradient.dataType() + " gradient " + gradient.shapeInfoToString());
        }
        if (kernel == Kernel.VECTOR && !CpuArrays.simd()) {
            throw new IllegalStateException("The VECTOR Adam kernel needs the Vector API: run the JVM with "
                    + "--add-modules jdk.incubator.vector");
        }
        return kernel;
    }

    /** Carves exp_avg, exp_avg_sq and the step slot out of the state view for a block of {@code n} parameters. */
    private void layout(long n) {
        long need = 2 * n + 1;
        if (stateView.length() < need || stateView.length() > 3 * n) {
            throw new IllegalStateException("Adam state view has " + stateView.length() + " values but a block of "
                    + n + " parameters needs between " + need + " and " + 3 * n
                    + " (2 per parameter + 1 per parameter tensor): the state does not belong to this block");
        }
        expAvg = slice(0, n);
        expAvgSq = slice(n, 2 * n);
        stepSlot = slice(2 * n, 2 * n + 1);
        step = Math.round(stepSlot.getDouble(0));
        blockLength = n;
    }

    /** A view (never a copy) of state elements [from, to), keeping the rank of the state array. */
    private INDArray slice(long from, long to) {
        return stateView.rank() == 1
                ? stateView.get(NDArrayIndex.interval(from, to))
                : stateView.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }
}
