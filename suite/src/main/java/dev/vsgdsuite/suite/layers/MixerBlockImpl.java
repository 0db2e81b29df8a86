package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.suite.kernels.MixerBlockLanes;
import dev.vsgdsuite.vsgd.HostArrays;
import java.util.Arrays;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.B;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.BETA;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.DW;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.GAMMA;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.LOG_STD;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.MEAN;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.PW;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.W;

/**
 * The computation of a {@link MixerBlockLayer}: parameters read from the layer's views, the block
 * computed by {@link MixerBlockLanes} on the activations' memory, the gradients written into the
 * gradient views. The running statistics follow DL4J 1.0.0-M2.1's batch norm exactly in form: their
 * "gradients" are (1 − decay)(mean − batch mean) and log10 σ − ½·log10(decay·σ² + (1 − decay)·batch
 * variance), which the NoOp updater leaves as they are and the step subtracts; inference normalises
 * with mean and σ² = (10^log10 σ)².
 */
public class MixerBlockImpl extends BaseLayer<MixerBlockLayer> {

    private static final long serialVersionUID = 1L;

    /** One kernel per activation shape in use: the training batch, and evaluation's. */
    private transient MixerBlockLanes trainingLanes;
    private transient MixerBlockLanes inferenceLanes;

    MixerBlockImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return !MixerBlockParamInitializer.isStatistic(paramName) && super.updaterDivideByMinibatch(paramName);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = checkedInput(input);
        MixerBlockLanes lanes = lanes(x, training);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        float[] mean1 = training ? null : read(DW + MEAN);
        float[] var1 = training ? null : variance(read(DW + LOG_STD));
        float[] mean2 = training ? null : read(PW + MEAN);
        float[] var2 = training ? null : variance(read(PW + LOG_STD));
        lanes.forward(HostArrays.bytes(x), blockParams(), training, mean1, var1, mean2, var2, HostArrays.bytes(out));
        return out;
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = checkedInput(input);
        MixerBlockLanes lanes = trainingLanes;
        if (lanes == null || !Arrays.equals(x.shape(), shapeOf(lanes))) {
            throw new IllegalStateException("mixer block '" + layerConf().getLayerName()
                    + "': backprop without a training forward pass on this input " + layerId());
        }
        INDArray dy = epsilon.dataType() == DataType.FLOAT && HostArrays.contiguousFloats(epsilon) ? epsilon
                : epsilon.castTo(DataType.FLOAT).dup('c');
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        MixerBlockLanes.Shape s = lanes.shape();
        MixerBlockLanes.Gradients g = MixerBlockLanes.Gradients.of(s.c(), s.k());
        lanes.backward(blockParams(), HostArrays.bytes(dy), HostArrays.bytes(dx), g);
        Gradient gradient = new DefaultGradient();
        put(gradient, DW + W, g.dwW());
        put(gradient, DW + B, g.dwB());
        put(gradient, DW + GAMMA, g.gamma1());
        put(gradient, DW + BETA, g.beta1());
        statistics(gradient, DW, lanes.batchMean(1), lanes.batchVariance(1));
        put(gradient, PW + W, g.pwW());
        put(gradient, PW + B, g.pwB());
        put(gradient, PW + GAMMA, g.gamma2());
        put(gradient, PW + BETA, g.beta2());
        statistics(gradient, PW, lanes.batchMean(2), lanes.batchVariance(2));
        return new Pair<>(gradient, dx);
    }

    /** The running statistics' step, as DL4J's batch norm computes it (see the class comment). */
    private void statistics(Gradient gradient, String prefix, float[] batchMean, float[] batchVariance) {
        double decay = layerConf().getDecay();
        float[] mean = read(prefix + MEAN);
        float[] logStd = read(prefix + LOG_STD);
        float[] dMean = new float[mean.length];
        float[] dLogStd = new float[mean.length];
        for (int ch = 0; ch < mean.length; ch++) {
            dMean[ch] = (float) ((1 - decay) * (mean[ch] - batchMean[ch]));
            double std = Math.pow(10, logStd[ch]);
            double updated = decay * std * std + (1 - decay) * batchVariance[ch];
            dLogStd[ch] = (float) (logStd[ch] - 0.5 * Math.log10(updated));
        }
        put(gradient, prefix + MEAN, dMean);
        put(gradient, prefix + LOG_STD, dLogStd);
    }

    private void put(Gradient gradient, String key, float[] values) {
        INDArray view = gradientViews.get(key);
        write(view, values);
        gradient.setGradientFor(key, view, 'c');
    }

    private MixerBlockLanes.Params blockParams() {
        return new MixerBlockLanes.Params(read(DW + W), read(DW + B), read(DW + GAMMA), read(DW + BETA), read(PW + W),
                read(PW + B), read(PW + GAMMA), read(PW + BETA), (float) layerConf().getEps());
    }

    /** σ² = (10^log10 σ)². */
    private static float[] variance(float[] logStd) {
        float[] out = new float[logStd.length];
        for (int i = 0; i < out.length; i++) {
            double std = Math.pow(10, logStd[i]);
            out[i] = (float) (std * std);
        }
        return out;
    }

    private float[] read(String key) {
        INDArray view = getParam(key);
        float[] out = new float[Math.toIntExact(view.length())];
        if (HostArrays.contiguousFloats(view)) {
            HostArrays.bytes(view).asFloatBuffer().get(out);
            return out;
        }
        return view.castTo(DataType.FLOAT).dup('c').reshape(out.length).toFloatVector();
    }

    private static void write(INDArray view, float[] values) {
        if (HostArrays.contiguousFloats(view)) {
            HostArrays.bytes(view).asFloatBuffer().put(values);
        } else {
            view.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(values).reshape('c', view.shape()));
        }
    }

    private MixerBlockLanes lanes(INDArray x, boolean training) {
        MixerBlockLanes current = training ? trainingLanes : inferenceLanes;
        if (current == null || !Arrays.equals(x.shape(), shapeOf(current))) {
            MixerBlockLanes.Shape shape = new MixerBlockLanes.Shape((int) x.size(0), (int) x.size(1), (int) x.size(2),
                    (int) x.size(3), layerConf().getKernel());
            if (training) {
                requireHeap(layerConf().getLayerName(), shape, MixerBlockLanes.trainingHeapBytes(shape), Runtime.getRuntime());
            }
            current = new MixerBlockLanes(shape, training);
            if (training) {
                trainingLanes = current;
            } else {
                inferenceLanes = current;
            }
        }
        return current;
    }

    /**
     * Fails with the fix named, before allocating, when the heap cannot hold a training kernel: the
     * fused block keeps its activations for backprop on the Java heap (DL4J's layers keep them in
     * native memory), so a large batch of large activations needs a larger -Xmx than the layers do.
     * Garbage is collected once before deciding, so what is only uncollected does not count.
     */
    static void requireHeap(String layer, MixerBlockLanes.Shape shape, long needed, Runtime runtime) {
        if (needed <= available(runtime)) {
            return;
        }
        System.gc();
        long free = available(runtime);
        if (needed > free) {
            long mib = 1L << 20;
            throw new IllegalStateException("mixer block '" + layer + "': a training batch of " + shape.n() + "x" + shape.c()
                    + "x" + shape.h() + "x" + shape.w() + " needs " + needed / mib + " MiB of Java heap per fused block and "
                    + free / mib + " MiB of -Xmx " + runtime.maxMemory() / mib + " MiB is free; raise the heap "
                    + "(VSGD_JAVA_OPTS=\"-Xmx…\" for ./vsgd-suite), lower the batch size, or build the blocks as DL4J "
                    + "layers with -D" + MixerBlocks.PROPERTY + "=layers");
        }
    }

    private static long available(Runtime runtime) {
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    private static long[] shapeOf(MixerBlockLanes lanes) {
        MixerBlockLanes.Shape s = lanes.shape();
        return new long[] {s.n(), s.c(), s.h(), s.w()};
    }

    /** The input as a contiguous rank-4 NCHW float32 array with the configured channels, on the host. */
    private INDArray checkedInput(INDArray in) {
        if (!HostArrays.hostKernels() || !HostArrays.simd()) {
            throw new IllegalStateException("mixer block '" + layerConf().getLayerName() + "' runs the CPU's SIMD kernels, "
                    + "which this JVM does not have (" + (HostArrays.hostKernels() ? HostArrays.whyNoSimd()
                    : HostArrays.backendName()) + "); build the network with -D" + MixerBlocks.PROPERTY + "=layers");
        }
        if (in.rank() != 4 || in.size(1) != layerConf().getNIn()) {
            throw new DL4JInvalidInputException("mixer block '" + layerConf().getLayerName() + "' expects [minibatch, "
                    + layerConf().getNIn() + ", height, width] (NCHW), got " + Arrays.toString(in.shape()) + " " + layerId());
        }
        return in.dataType() == DataType.FLOAT && HostArrays.contiguousFloats(in) ? in : in.castTo(DataType.FLOAT).dup('c');
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("a mixer block is not a pretrain layer");
    }
}
