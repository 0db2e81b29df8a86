package dev.vsgdsuite.suite.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer's paths the suite's networks do not take (GroupedConvolutionTest covers the ones they
 * do): a bias, a non-identity activation and "same" padding, each against DL4J's dense convolution
 * with the block-diagonal weight, driven layer by layer. Measured relative L2 differences: outputs
 * and input gradients 0, weight and bias gradients at most 2e-7 (float rounding); the bound is 1e-5.
 */
class GroupedConvolutionLayerTest {

    static final int CHANNELS = 12;
    static final int GROUPS = 3;
    static final int SIZE = 8;

    @ParameterizedTest(name = "bias {0}, {1}, {2}, stride {3}")
    @CsvSource({"true, IDENTITY, Truncate, 1", "true, TANH, Truncate, 2", "false, TANH, Same, 2"})
    void equalsTheDenseConvolutionWithBlockDiagonalWeight(boolean bias, Activation activation, ConvolutionMode mode,
                                                          int stride) {
        Layer grouped = layer(new GroupedConvolutionLayer.Builder(3, 3).groups(GROUPS), bias, activation, mode, stride);
        Layer dense = layer(new ConvolutionLayer.Builder(3, 3), bias, activation, mode, stride);
        int per = CHANNELS / GROUPS;
        INDArray w = Nd4j.randn(3L, new long[] {CHANNELS, per, 3, 3}).castTo(DataType.FLOAT).muli(0.3);
        INDArray blockDiagonal = Nd4j.zeros(DataType.FLOAT, CHANNELS, CHANNELS, 3, 3);
        for (int g = 0; g < GROUPS; g++) {
            blockDiagonal.get(NDArrayIndex.interval(g * per, (g + 1) * per), NDArrayIndex.interval(g * per, (g + 1) * per),
                    NDArrayIndex.all(), NDArrayIndex.all()).assign(w.get(NDArrayIndex.interval(g * per, (g + 1) * per),
                    NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()));
        }
        grouped.getParam("W").assign(w);
        dense.getParam("W").assign(blockDiagonal);
        if (bias) {
            INDArray b = Nd4j.randn(5L, new long[] {CHANNELS}).castTo(DataType.FLOAT);
            grouped.getParam("b").assign(b);
            dense.getParam("b").assign(b.reshape(dense.getParam("b").shape()));
        }

        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = Nd4j.rand(7L, new long[] {2, CHANNELS, SIZE, SIZE}).castTo(DataType.FLOAT).subi(0.5);
        grouped.setInput(x.dup(), mgr);
        dense.setInput(x.dup(), mgr);
        INDArray yGrouped = grouped.activate(true, mgr).dup();
        INDArray yDense = dense.activate(true, mgr).dup();
        assertClose("output", yGrouped, yDense);

        INDArray epsilon = Nd4j.rand(9L, yDense.shape()).castTo(DataType.FLOAT);
        Pair<Gradient, INDArray> g = grouped.backpropGradient(epsilon.dup(), mgr);
        Pair<Gradient, INDArray> d = dense.backpropGradient(epsilon.dup(), mgr);
        assertClose("input gradient", g.getSecond(), d.getSecond());
        INDArray denseW = d.getFirst().getGradientFor("W").dup();
        for (int k = 0; k < GROUPS; k++) {
            assertClose("weight gradient of group " + k,
                    g.getFirst().getGradientFor("W").dup().get(NDArrayIndex.interval(k * per, (k + 1) * per),
                            NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()),
                    denseW.get(NDArrayIndex.interval(k * per, (k + 1) * per), NDArrayIndex.interval(k * per, (k + 1) * per),
                            NDArrayIndex.all(), NDArrayIndex.all()));
        }
        if (bias) {
            assertClose("bias gradient", g.getFirst().getGradientFor("b").reshape(CHANNELS),
                    d.getFirst().getGradientFor("b").reshape(CHANNELS));
        }
    }

    /** A one-layer graph of {@code builder}'s convolution, initialised, with its gradient views; returns the layer. */
    private static Layer layer(ConvolutionLayer.BaseConvBuilder<?> builder, boolean bias, Activation activation,
                               ConvolutionMode mode, int stride) {
        builder.stride(stride, stride).padding(mode == ConvolutionMode.Same ? 0 : 1, mode == ConvolutionMode.Same ? 0 : 1)
                .convolutionMode(mode).nIn(CHANNELS).nOut(CHANNELS).hasBias(bias)
                .activation(activation);
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(SIZE, SIZE, CHANNELS))
                .addLayer("conv", builder.build(), "in").setOutputs("conv").build());
        graph.init();
        graph.initGradientsView();
        return graph.getLayer("conv");
    }

    private static void assertClose(String what, INDArray actual, INDArray expected) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        double relative = actual.castTo(DataType.DOUBLE).sub(e).norm2Number().doubleValue() / e.norm2Number().doubleValue();
        System.out.printf("%s: relative L2 %.2e%n", what, relative);
        assertThat(relative).as(what).isLessThanOrEqualTo(1e-5);
    }
}
