package dev.vsgdsuite.suite.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The grouped convolution equals a dense convolution whose weight is block-diagonal over the groups. */
class GroupedConvolutionTest {

    static final int CHANNELS = 12;
    static final int GROUPS = 4;
    static final int SIZE = 7;

    @Test
    void equalsDenseConvolutionWithBlockDiagonalWeightInOutputAndGradient() {
        ComputationGraph grouped = graph(true);
        ComputationGraph dense = graph(false);
        int perGroup = CHANNELS / GROUPS;
        INDArray w = dense.getLayer("conv").getParam("W");
        w.assign(0);
        for (int k = 0; k < GROUPS; k++) {
            INDArray block = grouped.getLayer("conv" + k).getParam("W");      // [out, in, 3, 3]
            w.get(NDArrayIndex.interval(k * perGroup, (k + 1) * perGroup),
                    NDArrayIndex.interval(k * perGroup, (k + 1) * perGroup),
                    NDArrayIndex.all(), NDArrayIndex.all()).assign(block);
        }

        INDArray x = Nd4j.rand(31L, new long[] {2, CHANNELS, SIZE, SIZE}).castTo(DataType.FLOAT).subi(0.5);
        INDArray target = Nd4j.rand(37L, new long[] {2, CHANNELS, 4, 4}).castTo(DataType.FLOAT);
        INDArray yGrouped = grouped.outputSingle(false, x.dup());
        INDArray yDense = dense.outputSingle(false, x.dup());
        assertThat(yGrouped.shape()).containsExactly(2, CHANNELS, 4, 4);
        assertThat(yGrouped.equalsWithEps(yDense, 1e-5)).as("outputs").isTrue();

        grouped.setInputs(x.dup());
        grouped.setLabels(target);
        grouped.computeGradientAndScore();
        dense.setInputs(x.dup());
        dense.setLabels(target);
        dense.computeGradientAndScore();
        assertThat(grouped.score()).isCloseTo(dense.score(), org.assertj.core.data.Offset.offset(1e-6));
        INDArray denseGrad = dense.gradient().getGradientFor("conv_W");
        for (int k = 0; k < GROUPS; k++) {
            INDArray block = denseGrad.get(NDArrayIndex.interval(k * perGroup, (k + 1) * perGroup),
                    NDArrayIndex.interval(k * perGroup, (k + 1) * perGroup), NDArrayIndex.all(), NDArrayIndex.all());
            INDArray groupGrad = grouped.gradient().getGradientFor("conv" + k + "_W");
            assertThat(groupGrad.equalsWithEps(block, 1e-5)).as("gradient of group %d", k).isTrue();
        }
    }

    @Test
    void graphWithGroupedConvolutionRoundTripsThroughJson() {
        ComputationGraphConfiguration conf = graph(true).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        assertThat(back.getVertices().get("conv0_in")).isInstanceOf(ChannelSubsetVertex.class);
        ComputationGraph rebuilt = new ComputationGraph(back);
        rebuilt.init();
        assertThat(rebuilt.numParams()).isEqualTo(CHANNELS * (CHANNELS / GROUPS) * 9L);
    }

    /** in → 3×3 conv, stride 2 (grouped or dense, no bias) → MSE loss. */
    private static ComputationGraph graph(boolean grouped) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(SIZE, SIZE, CHANNELS));
        String conv;
        if (grouped) {
            conv = GroupedConvolution.add(g, "conv", "in", CHANNELS, GROUPS, 3, 2, 0.2);
        } else {
            g.addLayer("conv", Blocks.conv(CHANNELS, CHANNELS, 3, 2, 1, false, Blocks.normal(0.2),
                    Activation.IDENTITY.getActivationFunction()), "in");
            conv = "conv";
        }
        g.addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).build(), conv);
        ComputationGraph graph = new ComputationGraph(g.setOutputs("loss").build());
        graph.init();
        return graph;
    }
}
