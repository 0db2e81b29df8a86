package dev.vsgdsuite.suite.model;

import java.util.Map;
import java.util.Set;

import dev.vsgdsuite.suite.layers.MixerBlockLayer;
import dev.vsgdsuite.suite.layers.MixerBlockParamInitializer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trainable parameters as PyTorch counts them: DL4J keeps batch-norm running statistics among the
 * parameters ({@code mean}, {@code var}), PyTorch keeps them as buffers.
 */
public final class TrainableParameters {

    private static final Set<String> STATISTICS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    private TrainableParameters() {}

    public static long count(Model model) {
        Layer[] layers = model instanceof ComputationGraph ? ((ComputationGraph) model).getLayers()
                : ((MultiLayerNetwork) model).getLayers();
        long n = 0;
        for (Layer layer : layers) {
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                if (!STATISTICS.contains(e.getKey()) && !(layer.conf().getLayer() instanceof MixerBlockLayer
                        && MixerBlockParamInitializer.isStatistic(e.getKey()))) {
                    n += e.getValue().length();
                }
            }
        }
        return n;
    }
}
