package dev.vsgdsuite.vsgd;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What every optimizer of the library and the suite shares as a DL4J {@link GradientUpdater}: one
 * parameter block's slice of the network's updater state, its layout, its step count, the choice
 * between a host kernel and nd4j ops, and the non-finite check. A subclass writes only its math: the
 * step as nd4j ops ({@link #stepOps}) and, optionally, as a host kernel ({@link #stepOnHost}).
 *
 * <h2>State layout</h2>
 * A block of {@code n} parameters from {@code k} parameter tensors owns {@code s·n} floats of state
 * ({@code s} = {@link #stateNames()}.size(), one array per name, in order), then, for a counted
 * optimizer, one float per parameter tensor: {@code [state 1 (n) | … | state s (n) | step (1) |
 * unused (k − 1)]}. The step is the block's own 1-based count, as torch's per-parameter
 * {@code state['step']}: a block whose state starts at zero (a model restored without its updater, a
 * layer trained later) starts at step 1. DL4J's iteration drives only the learning-rate schedule. The
 * count is a float, exact to 2^24 steps.
 *
 * <h2>No host access in a step</h2>
 * On the nd4j-op path a step reads and writes no array element from the host: the count is kept in
 * Java and written into its slot by an nd4j op (on CUDA a host write would mark the whole state
 * buffer host-side and the next op would copy it back), and the non-finite check runs once per
 * iteration ({@link NonFiniteCheck}). The count is read from the slot only when the layout is fixed
 * (a new or restored state). {@code NoHostAccessInStepTest} holds every updater to this.
 *
 * <h2>Kernels</h2>
 * Host kernels run only where {@link HostArrays#hostKernels()} (the CPU backend, not emulating CUDA)
 * and on contiguous float32 arrays; elsewhere the step runs as nd4j ops. A forced host kernel on
 * another backend is refused, because its writes would go to a host copy the device never sees.
 */
public abstract class BlockUpdater<C extends IUpdater> implements GradientUpdater<C> {

    /** Which implementation of the step runs. */
    public enum Kernel {
        /** The fastest kernel that applies to the arrays, the backend and the JVM. */
        AUTO,
        /** One pass in SIMD lanes over direct float32 buffers (needs the jdk.incubator.vector module). */
        VECTOR,
        /** One pass, one element at a time, over direct float32 buffers. */
        SCALAR,
        /** nd4j ops: any backend, any floating-point type. */
        ND4J_OPS;

        /** The kernels that can run on this backend in this JVM, AUTO first. */
        public static List<Kernel> runnable() {
            List<Kernel> out = new ArrayList<>(List.of(AUTO));
            if (HostArrays.hostKernels()) {
                if (HostArrays.simd()) {
                    out.add(VECTOR);
                }
                out.add(SCALAR);
            }
            out.add(ND4J_OPS);
            return out;
        }
    }

    /** Below this many parameters a block is not worth splitting over threads. */
    static final int PARALLEL_MIN = 1 << 16;

    private final C config;
    private final String optimizer;
    private final List<String> stateNames;
    private final String stepName;
    private final boolean hostKernel;
    private final String kernelSwitch;
    private Kernel kernel;
    private Kernel lastKernel = Kernel.AUTO;

    private INDArray stateView;
    private long blockLength = -1;
    private List<INDArray> state;
    private INDArray stepSlot;
    private long step;

    /**
     * @param optimizer    the optimizer's name in messages ("VSGD", "Adam")
     * @param stateNames   the per-parameter state arrays, in layout order (the keys of {@link #getState()})
     * @param stepName     the key of the step count, or null for an optimizer that keeps none
     * @param hostKernel   whether {@link #stepOnHost} is implemented
     * @param kernelSwitch how a user forces a kernel, for messages (e.g. {@code vsgd.kernel})
     * @param kernel       the kernel to run (AUTO: the fastest that applies)
     */
    protected BlockUpdater(C config, String optimizer, List<String> stateNames, String stepName, boolean hostKernel,
                           String kernelSwitch, Kernel kernel) {
        this.config = Objects.requireNonNull(config, "config");
        this.optimizer = optimizer;
        this.stateNames = List.copyOf(stateNames);
        this.stepName = stepName;
        this.hostKernel = hostKernel;
        this.kernelSwitch = kernelSwitch;
        setKernel(kernel);
    }

    @Override
    public C getConfig() {
        return config;
    }

    /**
     * Forces one implementation of the step (tests and benchmarks compare them). A host kernel is
     * refused at once where host kernels cannot run; one that cannot read the arrays fails at the next step.
     */
    public void setKernel(Kernel kernel) {
        Objects.requireNonNull(kernel, "kernel");
        if ((kernel == Kernel.VECTOR || kernel == Kernel.SCALAR) && !HostArrays.hostKernels()) {
            throw new IllegalStateException(kernelSwitch + "=" + kernel.name().toLowerCase(Locale.ROOT)
                    + " is a host kernel and cannot run on " + HostArrays.backendName()
                    + ": its writes would go to a host copy the device never sees; use " + kernelSwitch
                    + "=auto or ops");
        }
        if (kernel != Kernel.AUTO && kernel != Kernel.ND4J_OPS && !hostKernel) {
            throw new IllegalArgumentException(optimizer + " has no host kernel; " + kernelSwitch + " may be auto or ops");
        }
        this.kernel = kernel;
    }

    /** The kernels this updater can run on this backend in this JVM, AUTO first. */
    public List<Kernel> runnableKernels() {
        return hostKernel ? Kernel.runnable() : List.of(Kernel.AUTO, Kernel.ND4J_OPS);
    }

    /**
     * How many times, in this JVM, a step scanned a whole gradient for non-finite values (once per
     * iteration; diagnostics and tests).
     */
    public static long nonFiniteScans() {
        return NonFiniteCheck.scans();
    }

    /** The kernel the last step ran ({@link Kernel#AUTO} before the first step). */
    public Kernel kernelInUse() {
        return lastKernel;
    }

    /** Number of steps this block has taken; −1 until its layout is known (before its first step). */
    public long stepCount() {
        return blockLength < 0 ? -1 : step;
    }

    /**
     * @param gradientShape the shape of the block's gradient, or null when not known yet (DL4J's
     *                      blocks: the layout is then fixed by the first gradient seen)
     */
    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (!viewArray.dataType().isFPType()) {
            throw new IllegalArgumentException(optimizer + " state must be a floating-point array, got " + viewArray.dataType());
        }
        if (!(viewArray.rank() == 1 || viewArray.rank() == 2 && viewArray.size(0) == 1)) {
            throw new IllegalArgumentException(optimizer + " state must be a vector or a row vector, got shape "
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
        List<String> keys = new ArrayList<>(stateNames);
        if (stepName != null) {
            keys.add(stepName);
        }
        for (String key : keys) {
            if (!stateMap.containsKey(key)) {
                throw new IllegalArgumentException(optimizer + " state map lacks '" + key + "'; it needs " + keys
                        + ", got " + stateMap.keySet());
            }
        }
        INDArray first = stateMap.get(stateNames.get(0));
        long n = first.length();
        int s = stateNames.size();
        INDArray view = Nd4j.create(first.dataType(), s * n + (stepName != null ? 1 : 0));
        for (int i = 0; i < s; i++) {
            view.get(NDArrayIndex.interval(i * n, (i + 1) * n)).assign(stateMap.get(stateNames.get(i)).reshape(n));
        }
        if (stepName != null) {
            view.get(NDArrayIndex.interval(s * n, s * n + 1)).assign(stateMap.get(stepName).reshape(1));
        }
        setStateViewArray(view, new long[] {n}, 'c', initialize);
    }

    /** The state arrays under their names (flat views into the state, not copies), then the step count. */
    @Override
    public Map<String, INDArray> getState() {
        requireLayout();
        Map<String, INDArray> map = new LinkedHashMap<>();
        for (int i = 0; i < stateNames.size(); i++) {
            map.put(stateNames.get(i), state.get(i));
        }
        if (stepName != null) {
            map.put(stepName, stepSlot);
        }
        return map;
    }

    /** State array {@code i} of {@link #stateNames()} (a view). */
    protected final INDArray stateArray(int i) {
        requireLayout();
        return state.get(i);
    }

    @Override
    public final void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (stateView == null) {
            throw new IllegalStateException(optimizer + " updater has no state array: call setStateViewArray first");
        }
        if (blockLength != gradient.length()) {
            layout(gradient.length());
        }
        Kernel run = resolveKernel(gradient);
        long t = step + 1;
        NonFiniteCheck.require(optimizer, t, gradient, iteration, epoch, run != Kernel.ND4J_OPS);
        double lr = config.getLearningRate(iteration, epoch);
        if (run == Kernel.ND4J_OPS) {
            INDArray g = gradient.reshape(gradient.ordering(), state.get(0).shape());
            stepOps(t, lr, g, state);
            if (g.data() != gradient.data() || g.offset() != gradient.offset()) {   // reshape copied: write back
                gradient.assign(g.reshape(gradient.ordering(), gradient.shape()));
            }
        } else {
            runOnHost(run, t, lr, gradient);
        }
        lastKernel = run;
        step = t;
        if (stepSlot != null) {
            stepSlot.assign(t);   // an nd4j op: the state buffer stays where it is
        }
    }

    /** The host kernel's call: byte views of the gradient and the state, for {@link HostArrays#hostKernels()} only. */
    private void runOnHost(Kernel run, long t, double lr, INDArray gradient) {
        List<ByteBuffer> bytes = new ArrayList<>(state.size());
        for (INDArray a : state) {
            bytes.add(HostArrays.bytes(a));
        }
        stepOnHost(run, t, lr, HostArrays.bytes(gradient), bytes, (int) blockLength);
    }

    /**
     * Step {@code t} (1-based) at learning rate {@code lr} as nd4j ops: updates the state arrays in
     * place and overwrites {@code gradient} (the state arrays' shape) with the update DL4J subtracts.
     * Must not read or write an element from the host.
     */
    protected abstract void stepOps(long t, double lr, INDArray gradient, List<INDArray> state);

    /**
     * The same step as a host kernel ({@link Kernel#VECTOR} or {@link Kernel#SCALAR}) over
     * native-order byte views of {@code n} floats each; only called when {@code hostKernel} was declared.
     */
    protected void stepOnHost(Kernel kernel, long t, double lr, ByteBuffer gradient, List<ByteBuffer> state, int n) {
        throw new UnsupportedOperationException(optimizer + " has no host kernel");
    }

    /** The per-parameter state arrays' names, in layout order. */
    public final List<String> stateNames() {
        return stateNames;
    }

    /** The kernel for this gradient: the requested one, or for AUTO the fastest that applies. */
    private Kernel resolveKernel(INDArray gradient) {
        if (kernel == Kernel.ND4J_OPS || !hostKernel || kernel == Kernel.AUTO && !HostArrays.hostKernels()) {
            return Kernel.ND4J_OPS;
        }
        boolean buffers = HostArrays.contiguousFloats(gradient) && HostArrays.contiguousFloats(stateView);
        if (kernel == Kernel.AUTO) {
            return !buffers ? Kernel.ND4J_OPS : HostArrays.simd() ? Kernel.VECTOR : Kernel.SCALAR;
        }
        String forced = kernelSwitch + "=" + kernel.name().toLowerCase(Locale.ROOT);
        if (!buffers) {
            throw new IllegalStateException(forced + " needs contiguous float32 arrays in host memory, got "
                    + gradient.dataType() + " gradient " + gradient.shapeInfoToString() + "; use " + kernelSwitch
                    + "=auto or ops");
        }
        if (kernel == Kernel.VECTOR && !HostArrays.simd()) {
            throw new IllegalStateException(forced + " needs the Vector API: run the JVM with "
                    + "--add-modules jdk.incubator.vector (" + HostArrays.whyNoSimd() + ")");
        }
        return kernel;
    }

    /**
     * Carves the state arrays and the step slot out of the state view for a block of {@code n}
     * parameters, and reads the step count: the one host read, once per layout.
     */
    private void layout(long n) {
        int s = stateNames.size();
        long need = s * n + (stepName != null ? 1 : 0);
        long most = stepName != null ? (s + 1) * n : s * n;
        if (stateView.length() < need || stateView.length() > most) {
            throw new IllegalStateException(optimizer + " state view has " + stateView.length() + " values but a block of "
                    + n + " parameters needs " + (need == most ? String.valueOf(need) : "between " + need + " and " + most)
                    + " (" + s + " per parameter" + (stepName != null ? " + 1 per parameter tensor" : "")
                    + "): the state does not belong to this block");
        }
        List<INDArray> arrays = new ArrayList<>(s);
        for (int i = 0; i < s; i++) {
            arrays.add(slice(i * n, (i + 1) * n));
        }
        state = List.copyOf(arrays);
        stepSlot = stepName != null ? slice(s * n, s * n + 1) : null;
        step = stepSlot != null ? Math.round(stepSlot.getDouble(0)) : 0;
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
            throw new IllegalStateException(optimizer + " state layout is fixed by the first gradient of the block; "
                    + "no step has run yet");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + config + ", block=" + blockLength + ", step=" + step + ", kernel="
                + kernel + ")";
    }
}
