package dev.vsgdsuite.suite.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;

import dev.vsgdsuite.suite.bench.Variant;
import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import dev.vsgdsuite.suite.experiment.ModelCatalog;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Caching each convolution's pre-activation for its backprop (the networks' default) trains exactly
 * as DL4J's default, which computes the convolution again there: same parameters, bit for bit,
 * after a few Adam steps, and the switch really changes the configuration. And the cache is what
 * backprop uses: biases moved between the forward pass and backprop change the gradients only where
 * the convolution is computed again.
 */
class ConvolutionCacheTest {

    /** DL4J's convolution layers, cached or not: the ConvMixer built from DL4J layers (fused, it has none). */
    private static ComputationGraph build(ModelSpec spec, boolean cache) {
        ComputationGraph graph = new Variant(SuiteSwitches.MIXER_BLOCKS.name(), "layers").apply(() ->
                new Variant(SuiteSwitches.CONV_CACHE.name(), Boolean.toString(cache)).apply(() ->
                Networks.build(spec, 5, conf -> conf.getVertices().values().forEach(v -> {
                    if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                        layer.setIUpdater(new Adam(1e-2));
                    }
                }))));
        assertThat(graph.getLayers()).as("convolutions of DL4J's to cache").anyMatch(l -> l instanceof ConvolutionLayer);
        assertThat(graph.getConfiguration().getDefaultConfiguration().getCacheMode())
                .isEqualTo(cache ? CacheMode.DEVICE : CacheMode.NONE);
        return graph;
    }

    private static float[] trained(Supplier<ComputationGraph> network, DataSet batch) {
        ComputationGraph graph = network.get();
        try {
            for (int i = 0; i < 3; i++) {
                graph.fit(batch);
            }
            return graph.params().toFloatVector();
        } finally {
            graph.close();
        }
    }

    /** The gradient of one batch; with {@code moveBiases}, every convolution's bias is moved by 1 after the forward pass. */
    private static float[] gradient(boolean cache, boolean moveBiases, DataSet batch) {
        ComputationGraph graph = build(ModelCatalog.demo(), cache);
        try {
            if (moveBiases) {
                graph.setListeners(new BaseTrainingListener() {
                    @Override
                    public void onForwardPass(Model model, Map<String, INDArray> activations) {
                        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
                            if (layer instanceof ConvolutionLayer conv && conv.hasBias()) {
                                conv.getParam("b").addi(1.0);
                            }
                        }
                    }
                });
            }
            graph.setInputs(batch.getFeatures());
            graph.setLabels(batch.getLabels());
            graph.computeGradientAndScore();
            return graph.gradient().gradient().toFloatVector();
        } finally {
            graph.close();
        }
    }

    @Test
    void backpropUsesTheCachedPreActivationsOfEveryConvolutionDepthwiseIncluded() {
        ModelSpec spec = ModelCatalog.demo();
        Nd4j.getRandom().setSeed(4);
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 4, spec.channels(), spec.height(), spec.width()),
                Nd4j.eye(spec.classes()).getRows(0, 1, 2, 3).castTo(DataType.FLOAT));
        float[] reference = gradient(true, false, batch);
        assertThat(gradient(true, true, batch)).as("cached: the forward pass's values").isEqualTo(reference);
        assertThat(gradient(false, false, batch)).as("recomputed, biases unmoved").isEqualTo(reference);
        assertThat(gradient(false, true, batch)).as("recomputed with the moved biases (the control)")
                .isNotEqualTo(reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"convmixer", "vgg"})
    void cachedAndRecomputedPreActivationsTrainToTheSameParameters(String network) {
        ModelSpec spec = network.equals("convmixer") ? ModelCatalog.demo()
                : new Vgg("A", 16, 3, 32, 32, 10);
        Nd4j.getRandom().setSeed(3);
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 4, spec.channels(), spec.height(), spec.width()),
                Nd4j.eye(spec.classes()).getRows(0, 1, 2, 3).castTo(DataType.FLOAT));
        float[] cached = trained(() -> build(spec, true), batch);
        float[] recomputed = trained(() -> build(spec, false), batch);
        ComputationGraph untrained = build(spec, true);
        float[] initial = untrained.params().toFloatVector();
        untrained.close();
        assertThat(cached).as("training moved the parameters").isNotEqualTo(initial);
        assertThat(cached).isEqualTo(recomputed);
    }
}
