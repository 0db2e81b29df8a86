package dev.vsgdsuite.vsgd;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J adapter around the VSGD step (docs/PROTOCOL.md §1) for one parameter block: the state layout,
 * step count, kernel choice and non-finite check are {@link BlockUpdater}'s.
 *
 * <h2>State</h2>
 * Three floats per parameter with the authors' names, then the step count: {@code [mug (n) | bg (n) |
 * bhg (n) | step (1) | unused (k − 1)]}, mug the posterior mean μ of the true gradient, bg and bhg the
 * running 2·b (Bg, Bh) of the Gamma posteriors of the precisions of g and ĝ. A block whose state
 * starts at zero begins with the prior branch of step 1 instead of dividing 0 by 0.
 *
 * <h2>Kernels</h2>
 * On the CPU backend with float32 contiguous arrays the step is one pass over the gradient and the
 * three state buffers, split over the cores: in SIMD lanes ({@link Kernel#VECTOR}) when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}, else as a scalar loop ({@link Kernel#SCALAR}); the
 * two agree bit for bit. Elsewhere (CUDA, the CUDA-path emulation, other data types) the step runs as
 * nd4j ops ({@link Kernel#ND4J_OPS}). The system property {@code vsgd.kernel=auto|vector|scalar|ops}
 * forces one (default {@code auto}); a host kernel forced on another backend is refused.
 */
public final class VsgdUpdater extends BlockUpdater<Vsgd> {

    /** Keys of {@link #getState()}: the authors' names, as in their {@code state} dict and the golden files. */
    public static final String MUG = "mug";
    public static final String BG = "bg";
    public static final String BHG = "bhg";
    public static final String STEP = "step";

    /** The system property that forces a kernel ({@link VsgdSwitches#KERNEL}). */
    public static final String KERNEL_PROPERTY = VsgdSwitches.KERNEL.name();

    private final VsgdCoefficients coefficients;

    public VsgdUpdater(Vsgd config) {
        super(config, "VSGD", List.of(MUG, BG, BHG), STEP, true, KERNEL_PROPERTY,
                kernelFromSwitch());
        this.coefficients = new VsgdCoefficients(config);
    }

    /**
     * The implicit momentum β1 = Bh/(Bg + Bh) per element (a new array), the quantity the paper
     * relates to Adam's β1. NaN for elements that have not been stepped yet.
     */
    public INDArray implicitMomentum() {
        INDArray bhg = stateArray(2);
        return bhg.div(stateArray(1).add(bhg));
    }

    @Override
    protected void stepOps(long t, double lr, INDArray gradient, List<INDArray> state) {
        VsgdOpsStep.apply(coefficients.forStep(t, (float) lr), new VsgdState<>(state.get(0), state.get(1), state.get(2)),
                gradient);
    }

    @Override
    protected void stepOnHost(Kernel kernel, long t, double lr, ByteBuffer g, List<ByteBuffer> state, int n) {
        VsgdCoefficients.Step c = coefficients.forStep(t, (float) lr);
        VsgdState<ByteBuffer> bytes = new VsgdState<>(state.get(0), state.get(1), state.get(2));
        if (kernel == Kernel.VECTOR) {
            HostArrays.inChunks(n, PARALLEL_MIN, (from, to) -> VsgdVectorStep.apply(c, bytes, g, from, to));
        } else {
            VsgdState<FloatBuffer> floats = bytes.map(ByteBuffer::asFloatBuffer);
            FloatBuffer gf = g.asFloatBuffer();
            HostArrays.inChunks(n, PARALLEL_MIN, (from, to) -> VsgdStep.apply(c, floats, gf, from, to));
        }
    }

    /** The kernel {@code vsgd.kernel} asks for, read as the updater is built. */
    static Kernel kernelFromSwitch() {
        VsgdSwitches.refuseUnknown();
        return kernelFromProperty(VsgdSwitches.KERNEL.value());
    }

    static Kernel kernelFromProperty(String value) {
        switch (VsgdSwitches.KERNEL.check(value)) {
            case "vector": return Kernel.VECTOR;
            case "scalar": return Kernel.SCALAR;
            case "ops": return Kernel.ND4J_OPS;
            default: return Kernel.AUTO;
        }
    }
}
