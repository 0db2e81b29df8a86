package dev.vsgdsuite.suite.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.bench.Variant;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Both forms of the grouped convolution ({@link GroupedConvolution}: the suite's one layer, and
 * DL4J slices, convolutions and a merge) compute PyTorch's grouped convolution: they equal each other
 * and a dense convolution whose weight is block-diagonal over the groups, in the output, the input
 * gradient and the weight gradient. Measured relative L2 differences (float32, 2 cores): with oneDNN
 * on, 0 for every case (each group runs the same oneDNN convolution either way); with oneDNN off,
 * layer against dense about 1e-7 (float rounding of differently ordered sums). The bound is 1e-5.
 */
class GroupedConvolutionTest {

    static final int CHANNELS = 16;
    static final int SIZE = 9;
    static final int BATCH = 3;
    static final int KERNEL = 3;
    static final double TOLERANCE = 1e-5;

    /** The three ways to build the convolution: {@code layer}, {@code slices} (both via GroupedConvolution), {@code dense}. */
    static final String LAYER = "layer";
    static final String SLICES = "slices";
    static final String DENSE = "dense";

    static Stream<Arguments> groupsAndStrides() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(1, 2), Arguments.of(2, 1), Arguments.of(2, 2),
                Arguments.of(8, 1), Arguments.of(8, 2));
    }

    @ParameterizedTest(name = "groups {0}, stride {1}")
    @MethodSource("groupsAndStrides")
    void theLayerComputesWhatTheSlicesComputeInOutputAndGradients(int groups, int stride) {
        Result layer = run(LAYER, groups, stride);
        Result slices = run(SLICES, groups, stride);
        layer.assertCloseTo(slices, "layer vs slices, groups " + groups + ", stride " + stride);
        if (groups == 1) {
            layer.assertCloseTo(run(DENSE, 1, stride), "layer vs DL4J's ConvolutionLayer, stride " + stride);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {LAYER, SLICES})
    void equalsDenseConvolutionWithBlockDiagonalWeightInOutputAndGradients(String form) {
        run(form, 4, 2).assertCloseTo(run(DENSE, 4, 2), form + " vs block-diagonal dense, groups 4, stride 2");
    }

    /** nd4j's own convolution kernels (oneDNN off) read and write the strided group views right too. */
    @Test
    void theLayerIsRightWithoutOneDnnToo() {
        boolean helpers = Nd4j.getEnvironment().helpersAllowed();
        Nd4j.getEnvironment().allowHelpers(false);
        try {
            run(LAYER, 8, 2).assertCloseTo(run(DENSE, 8, 2), "layer vs block-diagonal dense, oneDNN off");
        } finally {
            Nd4j.getEnvironment().allowHelpers(helpers);
        }
    }

    @Test
    void theSystemPropertyPicksTheForm() {
        ComputationGraphConfiguration layer = graph(LAYER, 4, 2).getConfiguration();
        assertThat(layer.getVertices().values()).noneMatch(v -> v instanceof ChannelSubsetVertex);
        assertThat(layerConf(layer, "conv")).isInstanceOf(GroupedConvolutionLayer.class);
        assertThat(((GroupedConvolutionLayer) layerConf(layer, "conv")).getGroups()).isEqualTo(4);

        ComputationGraphConfiguration slices = graph(SLICES, 4, 2).getConfiguration();
        assertThat(slices.getVertices().values().stream().filter(v -> v instanceof ChannelSubsetVertex)).hasSize(4);
        assertThat(slices.getVertices().values()).noneMatch(v -> v instanceof LayerVertex
                && ((LayerVertex) v).getLayerConf().getLayer() instanceof GroupedConvolutionLayer);

        String before = System.clearProperty(GroupedConvolution.PROPERTY);
        try {
            assertThat(GroupedConvolution.slices()).as("unset means the layer").isFalse();
            System.setProperty(GroupedConvolution.PROPERTY, "slice");
            assertThatThrownBy(GroupedConvolution::slices).hasMessageContaining("-Dsuite.groupedConv=slice is not valid: use layer or slices");
        } finally {
            restore(before);
        }
    }

    @Test
    void graphWithGroupedConvolutionRoundTripsThroughJson() {
        for (String form : List.of(LAYER, SLICES)) {
            ComputationGraphConfiguration conf = graph(form, 4, 2).getConfiguration();
            ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
            assertThat(back).as(form).isEqualTo(conf);
            ComputationGraph rebuilt = new ComputationGraph(back);
            rebuilt.init();
            assertThat(rebuilt.numParams()).as(form).isEqualTo(CHANNELS * (CHANNELS / 4) * 9L);
        }
        ComputationGraphConfiguration slices = ComputationGraphConfiguration.fromJson(graph(SLICES, 4, 2).getConfiguration().toJson());
        assertThat(slices.getVertices().get("conv0_in")).isInstanceOf(ChannelSubsetVertex.class);
        ComputationGraphConfiguration layer = ComputationGraphConfiguration.fromJson(graph(LAYER, 4, 2).getConfiguration().toJson());
        assertThat(((GroupedConvolutionLayer) layerConf(layer, "conv")).getGroups()).isEqualTo(4);
        assertThat(layer).isNotEqualTo(graph(LAYER, 2, 2).getConfiguration());
    }

    @Test
    void savedAndRestoredLayerGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        ComputationGraph net = graph(LAYER, 8, 2);
        File file = dir.resolve("grouped.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertThat(restored.getLayer("conv")).isInstanceOf(GroupedConvolutionImpl.class);
        assertThat(restored.params().toFloatVector()).containsExactly(net.params().toFloatVector());
        INDArray x = input();
        assertThat(restored.outputSingle(false, x.dup()).ravel().toFloatVector())
                .containsExactly(net.outputSingle(false, x.dup()).ravel().toFloatVector());
    }

    @Test
    void channelsThatDoNotSplitIntoTheGroupsAreRejectedWithTheNumbers() {
        assertThatThrownBy(() -> new GroupedConvolutionLayer.Builder(3, 3).groups(5).nIn(12).nOut(10).build())
                .hasMessageContaining("12 input channels do not split into 5 groups");
        assertThatThrownBy(() -> new GroupedConvolutionLayer.Builder(3, 3).groups(4).nIn(12).nOut(10).build())
                .hasMessageContaining("10 output channels do not split into 4 groups");
        assertThatThrownBy(() -> new GroupedConvolutionLayer.Builder(3, 3).groups(0).nIn(12).nOut(12).build())
                .hasMessageContaining("groups = 0 must be >= 1");
        assertThatThrownBy(() -> GroupedConvolution.add(null, "g", "in", 12, 5, 3, 1, normal()))
                .hasMessageContaining("12 channels do not split into 5 groups");
    }

    /** Output, input gradient and weight gradient (as [out, in/groups, k, k]) of one form on the seeded batch. */
    private record Result(INDArray output, INDArray inputGradient, INDArray weightGradient) {

        void assertCloseTo(Result expected, String what) {
            double out = relativeL2(output, expected.output);
            double in = relativeL2(inputGradient, expected.inputGradient);
            double w = relativeL2(weightGradient, expected.weightGradient);
            System.out.printf("%s: relative L2 output %.2e, input gradient %.2e, weight gradient %.2e%n", what, out, in, w);
            assertThat(out).as("%s: output", what).isLessThanOrEqualTo(TOLERANCE);
            assertThat(in).as("%s: input gradient", what).isLessThanOrEqualTo(TOLERANCE);
            assertThat(w).as("%s: weight gradient", what).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /** The seeded batch through one form carrying the seeded grouped weight; MSE loss to a seeded target. */
    private static Result run(String form, int groups, int stride) {
        ComputationGraph g = graph(form, groups, stride, true);
        g.getLayer("pre").getParam("W").assign(Nd4j.randn(47L, new long[] {CHANNELS, CHANNELS, KERNEL, KERNEL}).muli(0.2));
        INDArray w = Nd4j.randn(41L, new long[] {CHANNELS, CHANNELS / groups, KERNEL, KERNEL}).castTo(DataType.FLOAT).muli(0.2);
        setGroupedWeight(g, form, groups, w);
        INDArray x = input();
        INDArray y = g.outputSingle(false, x.dup());
        INDArray target = Nd4j.rand(43L, y.shape()).castTo(DataType.FLOAT);
        g.setInputs(x.dup());
        g.setLabels(target);
        EpsilonProbe.last = null;
        g.computeGradientAndScore();
        assertThat(EpsilonProbe.last).as("the input's gradient").isNotNull();
        return new Result(y, EpsilonProbe.last, groupedWeightGradient(g, form, groups));
    }

    private static INDArray input() {
        return Nd4j.rand(31L, new long[] {BATCH, CHANNELS, SIZE, SIZE}).castTo(DataType.FLOAT).subi(0.5);
    }

    /** Gives the form the grouped weight {@code w}, [out, in/groups, k, k]: whole, per group, or block-diagonal. */
    private static void setGroupedWeight(ComputationGraph g, String form, int groups, INDArray w) {
        int per = CHANNELS / groups;
        switch (form) {
            case LAYER -> g.getLayer("conv").getParam("W").assign(w);
            case SLICES -> {
                for (int k = 0; k < groups; k++) {
                    g.getLayer("conv" + k).getParam("W").assign(rows(w, k, per));
                }
            }
            default -> {
                INDArray dense = Nd4j.zeros(DataType.FLOAT, CHANNELS, CHANNELS, KERNEL, KERNEL);
                for (int k = 0; k < groups; k++) {
                    block(dense, k, per).assign(rows(w, k, per));
                }
                g.getLayer("conv").getParam("W").assign(dense);
            }
        }
    }

    /** The gradient of the grouped weight, [out, in/groups, k, k], whichever form holds it. */
    private static INDArray groupedWeightGradient(ComputationGraph g, String form, int groups) {
        int per = CHANNELS / groups;
        if (form.equals(LAYER)) {
            return g.gradient().getGradientFor("conv_W").dup();
        }
        List<INDArray> blocks = new ArrayList<>();
        INDArray dense = form.equals(DENSE) ? g.gradient().getGradientFor("conv_W").dup() : null;
        for (int k = 0; k < groups; k++) {
            blocks.add(dense == null ? g.gradient().getGradientFor("conv" + k + "_W").dup() : block(dense, k, per).dup());
        }
        return Nd4j.concat(0, blocks.toArray(INDArray[]::new));
    }

    /** (On arrays of their own: nd4j M2.1's get() can return an empty array on a view at an offset.) */
    private static INDArray rows(INDArray w, int k, int per) {
        return w.get(NDArrayIndex.interval(k * per, (k + 1) * per), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    private static INDArray block(INDArray dense, int k, int per) {
        return dense.get(NDArrayIndex.interval(k * per, (k + 1) * per), NDArrayIndex.interval(k * per, (k + 1) * per),
                NDArrayIndex.all(), NDArrayIndex.all());
    }

    static ComputationGraph graph(String form, int groups, int stride) {
        return graph(form, groups, stride, false);
    }

    /**
     * in → 3×3 convolution {@code CHANNELS → CHANNELS} in the given form, no bias → MSE loss. With
     * {@code probe}, the graph is in → dense 3×3 convolution "pre" → {@link EpsilonProbe} → the
     * grouped convolution → loss, so that the grouped weight sits at an offset in the network's
     * parameters (as in a real network) and the gradient reaching its input is recorded.
     */
    static ComputationGraph graph(String form, int groups, int stride, boolean probe) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(SIZE, SIZE, CHANNELS));
        String in = "in";
        if (probe) {
            g.addLayer("pre", dense(1), "in");
            g.addVertex("probe", new PreprocessorVertex(new EpsilonProbe()), "pre");
            in = "probe";
        }
        String conv;
        if (form.equals(DENSE)) {
            g.addLayer("conv", dense(stride), in);
            conv = "conv";
        } else {
            String input = in;
            conv = new Variant(GroupedConvolution.PROPERTY, form)
                    .apply(() -> GroupedConvolution.add(g, "conv", input, CHANNELS, groups, KERNEL, stride, normal()));
        }
        g.addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).build(), conv);
        ComputationGraph graph = new ComputationGraph(g.setOutputs("loss").build());
        graph.init();
        return graph;
    }

    /** Passes activations through unchanged and keeps a copy of the gradient coming back (DL4J keeps none for an input). */
    static final class EpsilonProbe implements InputPreProcessor {

        private static final long serialVersionUID = 1L;
        static INDArray last;

        @Override
        public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
        }

        @Override
        public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
            try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                last = output.dup();
            }
            return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, output);
        }

        @Override
        public EpsilonProbe clone() {
            return new EpsilonProbe();
        }

        @Override
        public InputType getOutputType(InputType inputType) {
            return inputType;
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                              int minibatchSize) {
            return new Pair<>(maskArray, currentMaskState);
        }
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layerConf(ComputationGraphConfiguration conf, String name) {
        GraphVertex v = conf.getVertices().get(name);
        return ((LayerVertex) v).getLayerConf().getLayer();
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(GroupedConvolution.PROPERTY);
        } else {
            System.setProperty(GroupedConvolution.PROPERTY, before);
        }
    }

    private static double relativeL2(INDArray actual, INDArray expected) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        return actual.castTo(DataType.DOUBLE).sub(e).norm2Number().doubleValue() / e.norm2Number().doubleValue();
    }

    /** The weights' initialisation of every form here: N(0, 0.2²). */
    private static IWeightInit normal() {
        return new WeightInitDistribution(new NormalDistribution(0, 0.2));
    }

    /** A dense KERNEL×KERNEL convolution, CHANNELS → CHANNELS, padding 1, no bias. */
    private static ConvolutionLayer dense(int stride) {
        return new ConvolutionLayer.Builder(KERNEL, KERNEL).stride(stride, stride).padding(1, 1)
                .convolutionMode(ConvolutionMode.Truncate).nIn(CHANNELS).nOut(CHANNELS).hasBias(false)
                .weightInit(normal()).activation(Activation.IDENTITY.getActivationFunction()).build();
    }

}
