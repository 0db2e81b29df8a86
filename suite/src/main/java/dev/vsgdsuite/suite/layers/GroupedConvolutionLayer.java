package dev.vsgdsuite.suite.layers;

import java.util.Collection;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A grouped 2-D convolution, PyTorch's {@code Conv2d(nIn, nOut, k, stride, padding, groups=G)}: input
 * channels and output channels are split into G contiguous groups, and output group g sees only input
 * group g. DL4J 1.0.0-M2.1 has no such layer. The weight has PyTorch's layout
 * {@code [nOut, nIn/G, kH, kW]} (c order), so a PyTorch weight copies in unchanged; the optional bias
 * is {@code [nOut]}. NCHW only.
 *
 * <p>A DL4J layer configuration: the graph's JSON carries it (class name and fields, {@code groups}
 * among them), so {@code ComputationGraphConfiguration.fromJson} and {@code ModelSerializer} restore
 * it. The computation is {@link GroupedConvolutionImpl}; the parameters are laid out by
 * {@link GroupedConvolutionParamInitializer}.
 */
public class GroupedConvolutionLayer extends ConvolutionLayer {

    private static final long serialVersionUID = 1L;

    private int groups;

    /** For DL4J's JSON reader, which fills the fields of a default-constructed layer. */
    public GroupedConvolutionLayer() {
        groups = 1;
    }

    private GroupedConvolutionLayer(Builder builder) {
        super(builder);
        groups = builder.groups;
        if (groups < 1) {
            throw new IllegalArgumentException("grouped convolution: groups = " + groups + " must be >= 1");
        }
        checkChannels();
    }

    public int getGroups() {
        return groups;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        super.setNIn(inputType, override);
        checkChannels();
    }

    /** Input and output channels must each split into whole groups (set ones only: nIn may come later). */
    void checkChannels() {
        if (cnn2dDataFormat != null && cnn2dDataFormat != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(describe() + ": only NCHW activations are supported, not " + cnn2dDataFormat);
        }
        if (nIn > 0 && nIn % groups != 0) {
            throw new IllegalArgumentException(describe() + ": " + nIn + " input channels do not split into " + groups
                    + " groups");
        }
        if (nOut > 0 && nOut % groups != 0) {
            throw new IllegalArgumentException(describe() + ": " + nOut + " output channels do not split into " + groups
                    + " groups");
        }
    }

    private String describe() {
        return "grouped convolution" + (getLayerName() == null ? "" : " '" + getLayerName() + "'");
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNInNOutSet("GroupedConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        checkChannels();
        return LayerWiring.wire(new GroupedConvolutionImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return GroupedConvolutionParamInitializer.INSTANCE;
    }

    @Override
    public GroupedConvolutionLayer clone() {
        return (GroupedConvolutionLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupedConvolutionLayer && ((GroupedConvolutionLayer) o).groups == groups && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof GroupedConvolutionLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + groups;
    }

    @Override
    public String toString() {
        return "GroupedConvolutionLayer(groups=" + groups + ", " + super.toString() + ")";
    }

    /** DL4J's convolution builder plus {@link #groups(int)}; NCHW, no causal mode. */
    public static class Builder extends BaseConvBuilder<Builder> {

        private int groups = 1;

        public Builder(int kernelHeight, int kernelWidth) {
            super(new int[] {kernelHeight, kernelWidth}, new int[] {1, 1});
        }

        public Builder groups(int groups) {
            this.groups = groups;
            return this;
        }

        @Override
        protected boolean allowCausal() {
            return false;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GroupedConvolutionLayer build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            return new GroupedConvolutionLayer(this);
        }
    }
}
