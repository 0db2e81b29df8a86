package dev.vsgdsuite.suite.layers;

import java.util.Collection;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One ConvMixer block as one layer: a residual [depthwise Conv(k, 'same') + bias → GELU → BN]
 * followed by Conv 1×1 + bias → GELU → BN, on NCHW activations of {@code nIn = nOut} channels. The
 * same function as those six DL4J graph nodes (two convolutions, two batch norms, the residual add),
 * computed in one SIMD pass each way ({@link dev.vsgdsuite.suite.kernels.MixerBlockLanes}), for the
 * CPU backend with the Vector API. Batch norm keeps DL4J's semantics: running mean and log10 of the
 * standard deviation as parameters updated by a NoOp updater, decay and ε as DL4J's.
 *
 * <p>The parameters are laid out by {@link MixerBlockParamInitializer}; the graph's JSON carries the
 * layer (class name and fields), so checkpoints restore it.
 */
public class MixerBlockLayer extends FusedLayer {

    private static final long serialVersionUID = 1L;

    private int kernel;

    /** For DL4J's JSON reader, which fills the fields of a default-constructed layer. */
    public MixerBlockLayer() {
        kernel = 3;
    }

    private MixerBlockLayer(Builder builder) {
        super(builder);
        kernel = builder.kernel;
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("mixer block: kernel = " + kernel + " must be odd ('same' padding)");
        }
    }

    public int getKernel() {
        return kernel;
    }

    @Override
    protected String kind() {
        return "mixer block";
    }

    @Override
    protected boolean isStatistic(String paramName) {
        return MixerBlockParamInitializer.isStatistic(paramName);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNInNOutSet("MixerBlockLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new MixerBlockImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return MixerBlockParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return convolutional(inputType);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        long channels = convolutional(inputType).getChannels();
        if (nIn <= 0 || override) {
            nIn = channels;
        }
        if (nOut <= 0 || override) {
            nOut = channels;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        convolutional(inputType);
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeConvolutional c = convolutional(inputType);
        long perExample = c.getChannels() * c.getHeight() * c.getWidth();
        // the pre-activations, GELU outputs, residual and two backprop buffers the kernel keeps
        return new LayerMemoryReport.Builder(getLayerName(), MixerBlockLayer.class, inputType, inputType)
                .standardMemory(initializer().numParams(this), 0).workingMemory(0, 7 * perExample, 0, 0)
                .cacheMemory(0, 0).build();
    }

    @Override
    public MixerBlockLayer clone() {
        return (MixerBlockLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MixerBlockLayer m && m.kernel == kernel && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof MixerBlockLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + kernel;
    }

    @Override
    public String toString() {
        return "MixerBlockLayer(kernel=" + kernel + ", eps=" + getEps() + ", decay=" + getDecay() + ", " + super.toString() + ")";
    }

    /** nIn (= nOut, the channels), the depthwise kernel, batch norm's ε and decay (DL4J's meaning). */
    public static class Builder extends FusedLayer.Builder<Builder> {

        private int kernel = 3;

        public Builder kernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MixerBlockLayer build() {
            return new MixerBlockLayer(this);
        }
    }
}
