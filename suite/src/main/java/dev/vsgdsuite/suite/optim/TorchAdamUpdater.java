package dev.vsgdsuite.suite.optim;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;

import dev.vsgdsuite.vsgd.BlockUpdater;
import dev.vsgdsuite.vsgd.HostArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The {@link TorchAdam} step on one parameter block of a DL4J network; the state layout, step count,
 * kernel choice and non-finite check are {@link BlockUpdater}'s.
 *
 * <h2>State</h2>
 * {@code [exp_avg (n) | exp_avg_sq (n) | step (1) | unused (k − 1)]} under torch's names: a block
 * whose state starts at zero starts at t = 1, as torch does, rather than at DL4J's iteration.
 *
 * <h2>Kernels</h2>
 * On the CPU backend with contiguous float32 arrays the step is one pass over the four arrays, split
 * over the cores for large blocks: in SIMD lanes ({@link Kernel#VECTOR}) when the JVM has the Vector
 * API, else as a scalar loop ({@link Kernel#SCALAR}); the two agree bit for bit. Otherwise (CUDA, the
 * CUDA-path emulation, other data types, strided views) it runs as nd4j ops ({@link Kernel#ND4J_OPS})
 * in the same order. {@link #setKernel} forces one.
 */
public final class TorchAdamUpdater extends BlockUpdater<TorchAdam> {

    /** Keys of {@link #getState()}: torch's names. */
    public static final String EXP_AVG = "exp_avg";
    public static final String EXP_AVG_SQ = "exp_avg_sq";
    public static final String STEP = "step";

    /** Below this many parameters a block is not worth splitting over threads. */
    private static final int PARALLEL_MIN = 1 << 16;

    public TorchAdamUpdater(TorchAdam config) {
        super(config, "Adam", List.of(EXP_AVG, EXP_AVG_SQ), STEP, true, "TorchAdamUpdater.setKernel", Kernel.AUTO);
    }

    /** {@link TorchAdamStep#apply} as nd4j ops, one rounding per op in the same order. */
    @Override
    protected void stepOps(long t, double lr, INDArray g, List<INDArray> state) {
        TorchAdamStep c = TorchAdamStep.of(getConfig(), t, lr);
        INDArray expAvg = state.get(0);
        INDArray expAvgSq = state.get(1);
        expAvg.muli(c.beta1()).addi(g.mul(c.oneMinusBeta1()));
        expAvgSq.muli(c.beta2()).addi(g.mul(c.oneMinusBeta2()).muli(g));
        INDArray denom = Transforms.sqrt(expAvgSq, true).divi(c.biasCorrection2Sqrt()).addi(c.eps());
        g.assign(expAvg.mul(c.stepSize()).divi(denom));
    }

    @Override
    protected void stepOnHost(Kernel kernel, long t, double lr, ByteBuffer g, List<ByteBuffer> state, int n) {
        TorchAdamStep c = TorchAdamStep.of(getConfig(), t, lr);
        ByteBuffer m = state.get(0);
        ByteBuffer v = state.get(1);
        if (kernel == Kernel.VECTOR) {
            HostArrays.inChunks(n, PARALLEL_MIN, (from, to) -> TorchAdamLanes.apply(c, m, v, g, from, to));
        } else {
            FloatBuffer mf = m.asFloatBuffer();
            FloatBuffer vf = v.asFloatBuffer();
            FloatBuffer gf = g.asFloatBuffer();
            HostArrays.inChunks(n, PARALLEL_MIN, (from, to) -> c.apply(mf, vf, gf, from, to));
        }
    }
}
