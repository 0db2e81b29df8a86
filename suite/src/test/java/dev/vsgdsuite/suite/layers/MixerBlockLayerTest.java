package dev.vsgdsuite.suite.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.model.ConvMixer;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.model.TrainableParameters;
import dev.vsgdsuite.suite.optim.Optimizers;
import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused ConvMixer block and patch embedding against DL4J's layers they replace: the same network built both ways,
 * the fused one given the layered one's parameters, computes the same training-mode output, the same
 * gradient of every parameter, the same parameters and running statistics after a few optimizer
 * steps, and the same inference output, to float rounding.
 */
@EnabledIf(value = "dev.vsgdsuite.suite.layers.MixerBlocks#fused", disabledReason = "the fused block runs on the CPU backend with the Vector API")
class MixerBlockLayerTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    /**
     * The demo network (k = 3, 14×14 maps: rows end inside a vector), a k = 5 one and one of 3×3
     * patches over two channels of a 12×15 input; small and large batches (one thread, split).
     */
    @ParameterizedTest(name = "{0}, batch {1}")
    @CsvSource({"demo, 4", "demo, 32", "k5, 6", "p3, 5"})
    void theFusedLayersComputeWhatDl4jsLayersDo(String network, int batch) {
        ModelSpec spec = switch (network) {
            case "demo" -> ModelCatalog.demo();
            case "k5" -> new ConvMixer(12, 2, 5, 2, 3, 18, 18, 7);
            default -> new ConvMixer(8, 1, 3, 3, 2, 12, 15, 5);
        };
        RunConfig config = Experiment.resolve(List.of("experiment=" + ModelCatalog.demoExperiment(), "optimizer=vsgd"));
        ComputationGraph layered = built("layers", () -> Networks.build(spec, 5, c -> Optimizers.configure(c,
                config.optimizer(), config.scheduler())));
        ComputationGraph fused = built("fused", () -> Networks.build(spec, 5, c -> Optimizers.configure(c,
                config.optimizer(), config.scheduler())));
        ConvMixer mixer = (ConvMixer) spec;
        assertThat(fused.getLayers()).filteredOn(l -> l instanceof MixerBlockImpl).hasSize(mixer.depth());
        assertThat(fused.getLayer("patch")).isInstanceOf(PatchEmbeddingImpl.class);
        assertThat(fused.getLayer("pool")).isInstanceOf(AveragePoolImpl.class);
        assertThat(fused.getLayer("out")).isInstanceOf(SoftmaxOutputImpl.class);
        assertThat(TrainableParameters.count(fused)).isEqualTo(TrainableParameters.count(layered));
        INDArray before = fused.params().dup();
        copyParameters(layered, fused, mixer.depth());
        assertThat(fused.params()).as("a seed initialises the fused network as the layered one").isEqualTo(before);

        long[] inShape = spec.inputType().getShape(true);
        inShape[0] = batch;
        INDArray x = Nd4j.rand(DataType.FLOAT, inShape).muli(2).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, mixer.classes());
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % mixer.classes(), 1f);
        }
        assertClose("training-mode output", fused.outputSingle(true, false, x.dup()), layered.outputSingle(true, false, x.dup()), 2e-5);

        for (ComputationGraph g : List.of(layered, fused)) {
            g.setInputs(x.dup());
            g.setLabels(y);
            g.computeGradientAndScore();
        }
        assertThat(fused.score()).isCloseTo(layered.score(), org.assertj.core.data.Offset.offset(1e-5));
        for (int b = 0; b < mixer.depth(); b++) {
            for (String[] pair : pairs(b)) {
                if (pair[1].endsWith("mean") || pair[1].endsWith("log10stdev")) {
                    continue;   // running statistics: compared after the steps below
                }
                INDArray expected = layered.gradient().getGradientFor(pair[0] + "_" + pair[1]);
                INDArray actual = fused.gradient().getGradientFor("block" + b + "_" + pair[2]);
                assertClose("gradient of " + pair[0] + "/" + pair[1], actual.reshape(actual.length()),
                        inFusedLayout(pair, expected, new long[] {actual.length()}), 1e-4);
            }
        }
        for (String key : List.of("out_W", "out_b")) {
            assertClose("gradient of " + key, fused.gradient().getGradientFor(key), layered.gradient().getGradientFor(key), 1e-5);
        }
        for (String[] pair : PATCH) {
            if (!PatchEmbeddingParamInitializer.isStatistic(pair[1])) {
                assertClose("gradient of " + pair[0] + "/" + pair[1], fused.gradient().getGradientFor("patch_" + pair[1]),
                        layered.gradient().getGradientFor(pair[0] + "_" + pair[1]), 1e-4);
            }
        }

        for (int step = 0; step < 4; step++) {
            layered.fit(new DataSet(x.dup(), y));
            fused.fit(new DataSet(x.dup(), y));
        }
        for (int b = 0; b < mixer.depth(); b++) {
            for (String[] pair : pairs(b)) {
                INDArray expected = layered.getLayer(pair[0]).getParam(pair[1]);
                INDArray actual = fused.getLayer("block" + b).getParam(pair[2]);
                assertClose("after 4 steps: " + pair[0] + "/" + pair[1], actual.reshape(actual.length()),
                        inFusedLayout(pair, expected, new long[] {actual.length()}), 1e-4);
            }
        }
        for (String key : List.of("W", "b")) {
            assertClose("after 4 steps: out/" + key, fused.getLayer("out").getParam(key), layered.getLayer("out").getParam(key), 1e-4);
        }
        for (String[] pair : PATCH) {
            assertClose("after 4 steps: " + pair[0] + "/" + pair[1], fused.getLayer("patch").getParam(pair[1]),
                    layered.getLayer(pair[0]).getParam(pair[1]), 1e-4);
        }
        assertThat(fused.getLayer("block0").getParam("pwMean").amaxNumber().doubleValue()).as("running mean moved").isPositive();
        assertThat(fused.getLayer("patch").getParam("mean").amaxNumber().doubleValue()).as("running mean moved").isPositive();
        assertClose("inference output (running statistics)", fused.outputSingle(false, false, x.dup()),
                layered.outputSingle(false, false, x.dup()), 1e-4);
        layered.close();
        fused.close();
    }

    @Test
    void aFusedNetworkRoundTripsThroughItsJsonAndItsCheckpoint() throws Exception {
        ComputationGraph fused = built("fused", () -> Networks.build(ModelCatalog.demo(), 3));
        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(fused.getConfiguration().toJson());
        assertThat(restored).isEqualTo(fused.getConfiguration());
        java.io.File file = java.nio.file.Files.createTempFile("mixer", ".zip").toFile();
        try {
            org.deeplearning4j.util.ModelSerializer.writeModel(fused, file, true);
            ComputationGraph back = Networks.restore(file, true);
            assertThat(back.params()).isEqualTo(fused.params());
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
            assertThat(back.outputSingle(false, false, x.dup())).isEqualTo(fused.outputSingle(false, false, x.dup()));
            back.close();
        } finally {
            file.delete();
        }
        fused.close();
    }

    @Test
    void theSwitchBuildsDl4jsLayersAndBadConfigurationIsRefused() {
        ComputationGraph layered = built("layers", () -> Networks.build(ModelCatalog.demo(), 3));
        assertThat(layered.getLayers()).noneMatch(l -> l instanceof MixerBlockImpl || l instanceof PatchEmbeddingImpl
                || l instanceof AveragePoolImpl || l instanceof SoftmaxOutputImpl);
        assertThat(layered.getLayer("block0_dw")).isNotNull();
        layered.close();
        assertThatThrownBy(() -> new MixerBlockLayer.Builder().nIn(4).nOut(4).kernel(4).build())
                .hasMessageContaining("kernel = 4 must be odd");
        assertThatThrownBy(() -> new MixerBlockLayer.Builder().nIn(4).nOut(4).decay(1).build())
                .hasMessageContaining("decay = 1.0");
        assertThatThrownBy(() -> new PatchEmbeddingLayer.Builder().nIn(1).nOut(4).patch(0).build())
                .hasMessageContaining("patch = 0 must be positive");
        assertThatThrownBy(() -> new PatchEmbeddingLayer.Builder().nIn(1).nOut(4).patch(3).build()
                .getOutputType(0, org.deeplearning4j.nn.conf.inputs.InputType.convolutional(28, 28, 1)))
                .hasMessageContaining("patch 3 must divide the input's 28x28");
    }

    @Test
    void backpropWithoutATrainingForwardPassIsRefused() {
        ComputationGraph fused = built("fused", () -> Networks.build(ModelCatalog.demo(), 3));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        fused.outputSingle(false, false, x);
        Layer block = fused.getLayer("block0");
        assertThatThrownBy(() -> block.backpropGradient(Nd4j.zeros(DataType.FLOAT, 2, 16, 14, 14),
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()))
                .hasMessageContaining("backprop without a training forward pass");
        Layer patch = fused.getLayer("patch");
        assertThatThrownBy(() -> patch.backpropGradient(Nd4j.zeros(DataType.FLOAT, 2, 16, 14, 14),
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()))
                .hasMessageContaining("patch embedding 'patch': backprop without a training forward pass");
        fused.close();
    }

    /** The patch embedding's parameters: {layered layer, the key in it and in the fused "patch"}. */
    private static final List<String[]> PATCH = List.of(new String[] {"patch", "W"}, new String[] {"patch", "b"},
            new String[] {"patch_bn", "gamma"}, new String[] {"patch_bn", "beta"}, new String[] {"patch_bn", "mean"},
            new String[] {"patch_bn", "log10stdev"});

    /** Per parameter of block b: {layered layer, its key, the fused key}. */
    private static List<String[]> pairs(int b) {
        String p = "block" + b + "_";
        return List.of(new String[] {p + "dw", "W", "dwW"}, new String[] {p + "dw", "b", "dwB"},
                new String[] {p + "dw_bn", "gamma", "dwGamma"}, new String[] {p + "dw_bn", "beta", "dwBeta"},
                new String[] {p + "dw_bn", "mean", "dwMean"}, new String[] {p + "dw_bn", "log10stdev", "dwLog10stdev"},
                new String[] {p + "pw", "W", "pwW"}, new String[] {p + "pw", "b", "pwB"},
                new String[] {p + "pw_bn", "gamma", "pwGamma"}, new String[] {p + "pw_bn", "beta", "pwBeta"},
                new String[] {p + "pw_bn", "mean", "pwMean"}, new String[] {p + "pw_bn", "log10stdev", "pwLog10stdev"});
    }

    /** The layered network's parameters, block by block into the fused one, the patch embedding's from its two layers; the others by name. */
    static void copyParameters(ComputationGraph layered, ComputationGraph fused, int depth) {
        for (Layer l : fused.getLayers()) {
            String name = l.conf().getLayer().getLayerName();
            if (l instanceof PatchEmbeddingImpl) {
                PATCH.forEach(pair -> l.getParam(pair[1]).assign(layered.getLayer(pair[0]).getParam(pair[1])));
            } else if (!(l instanceof MixerBlockImpl)) {
                l.paramTable().forEach((key, view) -> view.assign(layered.getLayer(name).getParam(key)));
            }
        }
        for (int b = 0; b < depth; b++) {
            for (String[] pair : pairs(b)) {
                INDArray target = fused.getLayer("block" + b).getParam(pair[2]);
                INDArray source = layered.getLayer(pair[0]).getParam(pair[1]);
                target.assign(inFusedLayout(pair, source, target.shape()));
            }
        }
    }

    /**
     * A layered parameter in the fused layout: DL4J's depthwise weight is [k, k, c, 1], the fused one
     * PyTorch's [c, 1, k, k]; every other parameter keeps its values in order.
     */
    static INDArray inFusedLayout(String[] pair, INDArray layered, long[] shape) {
        INDArray values;
        if (pair[2].equals("dwW")) {
            assertThat(layered.shape()).as("DL4J's depthwise weight layout").hasSize(4).endsWith(1L);
            values = layered.permute(2, 3, 0, 1).dup('c');
        } else {
            values = layered.dup('c');
        }
        return values.reshape('c', shape);
    }

    private static ComputationGraph built(String mode, Supplier<ComputationGraph> build) {
        String before = System.getProperty(MixerBlocks.PROPERTY);
        System.setProperty(MixerBlocks.PROPERTY, mode);
        try {
            return build.get();
        } finally {
            if (before == null) {
                System.clearProperty(MixerBlocks.PROPERTY);
            } else {
                System.setProperty(MixerBlocks.PROPERTY, before);
            }
        }
    }

    private static void assertClose(String what, INDArray actual, INDArray expected, double tolerance) {
        double diff = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertThat(diff / scale).as("%s: max |diff| %s (scale %s)", what, diff, scale).isLessThanOrEqualTo(tolerance);
    }
}
