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
 * ConvMixer's patch embedding as one layer: Conv(nIn → nOut, kernel = stride = patch, no padding) +
 * bias → GELU → BN, on NCHW input whose height and width the patch divides. The same function as
 * DL4J's convolution (with the exact GELU) and batch norm it replaces, computed in one SIMD pass each
 * way ({@link dev.vsgdsuite.suite.kernels.PatchEmbeddingLanes}), for the CPU backend with the Vector
 * API. Parameters ({@link PatchEmbeddingParamInitializer}) carry DL4J's own keys, so a layer named as
 * the layered network's convolution draws the same initial weights.
 */
public class PatchEmbeddingLayer extends FusedLayer {

    private static final long serialVersionUID = 1L;

    private int patch;

    /** For DL4J's JSON reader, which fills the fields of a default-constructed layer. */
    public PatchEmbeddingLayer() {
        patch = 2;
    }

    private PatchEmbeddingLayer(Builder builder) {
        super(builder);
        patch = builder.patch;
        if (patch < 1) {
            throw new IllegalArgumentException("patch embedding: patch = " + patch + " must be positive");
        }
    }

    public int getPatch() {
        return patch;
    }

    @Override
    protected String kind() {
        return "patch embedding";
    }

    @Override
    protected boolean isStatistic(String paramName) {
        return PatchEmbeddingParamInitializer.isStatistic(paramName);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNInNOutSet("PatchEmbeddingLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new PatchEmbeddingImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return PatchEmbeddingParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional c = patched(inputType);
        return InputType.convolutional(c.getHeight() / patch, c.getWidth() / patch, getNOut());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        long channels = patched(inputType).getChannels();
        if (nIn <= 0 || override) {
            nIn = channels;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        patched(inputType);
        return null;
    }

    private InputType.InputTypeConvolutional patched(InputType inputType) {
        InputType.InputTypeConvolutional c = convolutional(inputType);
        if (c.getHeight() % patch != 0 || c.getWidth() % patch != 0) {
            throw new IllegalArgumentException("patch embedding '" + getLayerName() + "': patch " + patch
                    + " must divide the input's " + c.getHeight() + "x" + c.getWidth());
        }
        return c;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) getOutputType(-1, inputType);
        long perExample = out.getChannels() * out.getHeight() * out.getWidth();
        long inPerExample = nIn * (long) patch * patch * out.getHeight() * out.getWidth();
        // the kernel's rearranged input and its gradient, pre-activations, GELU outputs, output and a buffer
        return new LayerMemoryReport.Builder(getLayerName(), PatchEmbeddingLayer.class, inputType, out)
                .standardMemory(initializer().numParams(this), 0).workingMemory(0, 2 * inPerExample + 4 * perExample, 0, 0)
                .cacheMemory(0, 0).build();
    }

    @Override
    public PatchEmbeddingLayer clone() {
        return (PatchEmbeddingLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatchEmbeddingLayer p && p.patch == patch && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof PatchEmbeddingLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + patch;
    }

    @Override
    public String toString() {
        return "PatchEmbeddingLayer(patch=" + patch + ", eps=" + getEps() + ", decay=" + getDecay() + ", " + super.toString() + ")";
    }

    /** nIn (input channels), nOut (channels out), the patch (kernel and stride), batch norm's ε and decay. */
    public static class Builder extends FusedLayer.Builder<Builder> {

        private int patch = 2;

        public Builder patch(int patch) {
            this.patch = patch;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PatchEmbeddingLayer build() {
            return new PatchEmbeddingLayer(this);
        }
    }
}
