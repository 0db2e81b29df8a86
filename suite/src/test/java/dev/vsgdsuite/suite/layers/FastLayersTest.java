package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.suite.kernels.BatchNormLanes;
import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.vsgdsuite.suite.bench.Variant;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.model.ConvMixer;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The SIMD batch norm ({@link BatchNormLanes}) against DL4J's oneDNN helper: the same outputs in
 * training and inference mode, the same gradients, and the same parameters and running statistics
 * after a few steps; and that the suite's networks get it.
 */
@EnabledIf(value = "dev.vsgdsuite.vsgd.HostArrays#hostKernels", disabledReason = "tests a host kernel or a CPU-only helper: runs on the CPU backend, not on CUDA or under -Dvsgd.emulateCuda=true")
class FastLayersTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    /** 11×11 maps: rows that end inside a vector. Batch 40 is large enough to split channels over cores. */
    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {4, 40})
    void simdBatchNormMatchesTheOneDnnHelperForwardBackwardAndAfterTraining(int batch) {
        ComputationGraph onednn = net();
        ComputationGraph lanes = net();
        lanes.setParams(onednn.params().dup());
        assertThat(onednn.getLayer("bn").getHelper()).isInstanceOf(MKLDNNBatchNormHelper.class);
        assertThat(FastLayers.install(lanes)).isEqualTo(1);
        assertThat(lanes.getLayer("bn").getHelper()).isInstanceOf(BatchNormLanes.class);

        INDArray x = Nd4j.randn(17L + batch, new long[] {batch, 3, 11, 11}).castTo(DataType.FLOAT).muli(3).addi(1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 5);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % 5, 1f);
        }
        assertClose("training-mode output", lanes.outputSingle(true, false, x.dup()), onednn.outputSingle(true, false, x.dup()), 1e-5);

        for (ComputationGraph g : List.of(onednn, lanes)) {
            g.setInputs(x.dup());
            g.setLabels(y);
            g.computeGradientAndScore();
        }
        // Sums over batch·11·11 values per channel, in another order than oneDNN's: float rounding of ~1e-5.
        assertClose("gradients", lanes.gradient().gradient(), onednn.gradient().gradient(), 5e-5);
        assertClose("bn gamma gradient", lanes.gradient().getGradientFor("bn_gamma"), onednn.gradient().getGradientFor("bn_gamma"), 5e-5);

        for (int step = 0; step < 3; step++) {
            onednn.fit(new org.nd4j.linalg.dataset.DataSet(x.dup(), y));
            lanes.fit(new org.nd4j.linalg.dataset.DataSet(x.dup(), y));
        }
        assertClose("parameters incl. running mean/var after 3 steps", lanes.params(), onednn.params(), 5e-5);
        assertThat(lanes.getLayer("bn").getParam("mean").amaxNumber().doubleValue()).as("running mean moved").isPositive();
        assertClose("inference output (running statistics)", lanes.outputSingle(false, false, x.dup()),
                onednn.outputSingle(false, false, x.dup()), 1e-5);
        onednn.close();
        lanes.close();
    }

    @Test
    void theSuitesNetworksGetTheSimdBatchNormOnEveryBatchNormLayer() {
        ConvMixer spec = (ConvMixer) ModelCatalog.demo();
        RunConfig c = Experiment.resolve(List.of("experiment=" + ModelCatalog.demoExperiment(), "optimizer=vsgd"));
        // DL4J's batch-norm layers: the demo built from DL4J layers (fused, its layers compute batch norm themselves)
        ComputationGraph graph = new Variant(SuiteSwitches.MIXER_BLOCKS.name(), "layers").apply(() ->
                Networks.build(spec, 1, conf -> Optimizers.configure(conf, c.optimizer(), c.scheduler())));
        int batchNorms = 0;
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                assertThat(layer.getHelper()).as(layer.conf().getLayer().getLayerName()).isInstanceOf(BatchNormLanes.class);
                batchNorms++;
            }
        }
        assertThat(batchNorms).isEqualTo(1 + 2 * spec.depth());
        graph.close();
    }

    @Test
    void theDl4jFieldTheHelperGoesIntoExists() throws Exception {
        // FastLayers sets this field; if a DL4J version renames it, this fails instead of the suite slowing down.
        assertThat(org.deeplearning4j.nn.layers.normalization.BatchNormalization.class.getDeclaredField("helper").getType()
                .getName()).isEqualTo("org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper");
    }

    private static void assertClose(String what, INDArray actual, INDArray expected, double tolerance) {
        double diff = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertThat(diff / scale).as("%s: max |diff| %s (scale %s)", what, diff, scale).isLessThanOrEqualTo(tolerance);
    }

    private static ComputationGraph net() {
        return dev.vsgdsuite.suite.runtime.ConvBnNet.build(3, 11, Activation.TANH);
    }
}
