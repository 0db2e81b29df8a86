package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.vsgd.HostArrays;
import java.util.Arrays;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the computations of the suite's fused layers share: parameters read from and gradients
 * written into the layer's views as float arrays, batch norm's running statistics stepped as DL4J
 * 1.0.0-M2.1's batch norm steps them, and the checks that the host's SIMD kernels can run and the
 * heap can hold a training batch. The running statistics' "gradients" are (1 − decay)(mean − batch
 * mean) and log10 σ − ½·log10(decay·σ² + (1 − decay)·batch variance), which the NoOp updater leaves
 * as they are and the step subtracts; inference normalises with mean and σ² = (10^log10 σ)².
 */
abstract class FusedLayerImpl<C extends FusedLayer> extends BaseLayer<C> {

    private static final long serialVersionUID = 1L;

    FusedLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
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
        return !layerConf().isStatistic(paramName) && super.updaterDivideByMinibatch(paramName);
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return activate(training, workspaceMgr);
    }

    /** The running statistics' step, as DL4J's batch norm computes it (see the class comment). */
    void statistics(Gradient gradient, String meanKey, String logStdKey, float[] batchMean, float[] batchVariance) {
        double decay = layerConf().getDecay();
        float[] mean = read(meanKey);
        float[] logStd = read(logStdKey);
        float[] dMean = new float[mean.length];
        float[] dLogStd = new float[mean.length];
        for (int ch = 0; ch < mean.length; ch++) {
            dMean[ch] = (float) ((1 - decay) * (mean[ch] - batchMean[ch]));
            double std = Math.pow(10, logStd[ch]);
            double updated = decay * std * std + (1 - decay) * batchVariance[ch];
            dLogStd[ch] = (float) (logStd[ch] - 0.5 * Math.log10(updated));
        }
        put(gradient, meanKey, dMean);
        put(gradient, logStdKey, dLogStd);
    }

    void put(Gradient gradient, String key, float[] values) {
        INDArray view = gradientViews.get(key);
        if (HostArrays.contiguousFloats(view)) {
            HostArrays.bytes(view).asFloatBuffer().put(values);
        } else {
            view.assign(Nd4j.createFromArray(values).reshape('c', view.shape()));
        }
        gradient.setGradientFor(key, view, 'c');
    }

    /** σ² = (10^log10 σ)² of the running statistic {@code logStdKey}. */
    float[] variance(String logStdKey) {
        float[] logStd = read(logStdKey);
        float[] out = new float[logStd.length];
        for (int i = 0; i < out.length; i++) {
            double std = Math.pow(10, logStd[i]);
            out[i] = (float) (std * std);
        }
        return out;
    }

    float[] read(String key) {
        INDArray view = getParam(key);
        float[] out = new float[Math.toIntExact(view.length())];
        if (HostArrays.contiguousFloats(view)) {
            HostArrays.bytes(view).asFloatBuffer().get(out);
            return out;
        }
        return view.castTo(DataType.FLOAT).dup('c').reshape(out.length).toFloatVector();
    }

    /** An output gradient as contiguous float32 memory. */
    static INDArray contiguous(INDArray epsilon) {
        return epsilon.dataType() == DataType.FLOAT && HostArrays.contiguousFloats(epsilon) ? epsilon
                : epsilon.castTo(DataType.FLOAT).dup('c');
    }

    /** The input as a contiguous rank-4 NCHW float32 array with the configured channels, on the host. */
    INDArray checkedInput(INDArray in) {
        if (!HostArrays.hostKernels() || !HostArrays.simd()) {
            throw new IllegalStateException(layerConf().kind() + " '" + layerConf().getLayerName() + "' runs the CPU's SIMD "
                    + "kernels, which this JVM does not have (" + (HostArrays.hostKernels() ? HostArrays.whyNoSimd()
                    : HostArrays.backendName()) + "); build the network with -D" + MixerBlocks.PROPERTY + "=layers");
        }
        if (in.rank() != 4 || in.size(1) != layerConf().getNIn()) {
            throw new DL4JInvalidInputException(layerConf().kind() + " '" + layerConf().getLayerName() + "' expects [minibatch, "
                    + layerConf().getNIn() + ", height, width] (NCHW), got " + Arrays.toString(in.shape()) + " " + layerId());
        }
        return contiguous(in);
    }

    /**
     * Fails with the fix named, before allocating, when the heap cannot hold a training kernel: the
     * fused layers keep their activations for backprop on the Java heap (DL4J's layers keep them in
     * native memory), so a large batch of large activations needs a larger -Xmx than the layers do.
     * Garbage is collected once before deciding, so what is only uncollected does not count.
     */
    static void requireHeap(String what, String batch, long needed, Runtime runtime) {
        if (needed <= available(runtime)) {
            return;
        }
        System.gc();
        long free = available(runtime);
        if (needed > free) {
            long mib = 1L << 20;
            throw new IllegalStateException(what + ": a training batch of " + batch + " needs " + needed / mib
                    + " MiB of Java heap per fused layer and " + free / mib + " MiB of -Xmx " + runtime.maxMemory() / mib
                    + " MiB is free; raise the heap (VSGD_JAVA_OPTS=\"-Xmx…\" for ./vsgd-suite), lower the batch size, "
                    + "or build the network from DL4J layers with -D" + MixerBlocks.PROPERTY + "=layers");
        }
    }

    private static long available(Runtime runtime) {
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("a " + layerConf().kind() + " is not a pretrain layer");
    }
}
