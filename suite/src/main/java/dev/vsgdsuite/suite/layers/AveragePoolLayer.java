package dev.vsgdsuite.suite.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Global average pooling, [minibatch, c, h, w] (NCHW) to [minibatch, c]: DL4J's GlobalPoolingLayer
 * with PoolingType.AVG, computed on the host in one pass each way ({@link AveragePoolImpl}), for the
 * fused ConvMixer on the CPU. No masks: image batches have none.
 */
public class AveragePoolLayer extends NoParamLayer {

    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON reader. */
    public AveragePoolLayer() {}

    private AveragePoolLayer(Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        return LayerWiring.wire(new AveragePoolImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(convolutional(inputType).getChannels());
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        convolutional(inputType);
        return null;
    }

    private InputType.InputTypeConvolutional convolutional(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c) || c.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("average pool '" + getLayerName() + "' needs convolutional NCHW input, got "
                    + inputType);
        }
        return c;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(getLayerName(), AveragePoolLayer.class, inputType, getOutputType(-1, inputType))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AveragePoolLayer && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof AveragePoolLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 7;
    }

    public static class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public AveragePoolLayer build() {
            return new AveragePoolLayer(this);
        }
    }
}
