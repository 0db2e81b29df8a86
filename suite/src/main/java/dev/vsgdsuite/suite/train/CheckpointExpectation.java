package dev.vsgdsuite.suite.train;

import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a checkpoint of a run must hold, worked out from the run's {@code config.yaml} alone (a fresh
 * network of its model, for its dataset's input shape, with its optimizer): the run it belongs to,
 * the parameter count, the optimizer state's length and the updater on the layers.
 *
 * @param updaterStateLength 0 for an optimizer without state (DL4J then writes no updater entry)
 */
public record CheckpointExpectation(RunIdentity identity, long parameters, long updaterStateLength,
                                    Set<String> updaters, int maxIter, SortedMap<String, String> trajectory) {

    /** The expectation for a run of {@code config} whose network is {@code spec}. */
    public static CheckpointExpectation of(RunConfig config, ModelSpec spec) {
        ComputationGraph graph = Networks.build(spec, config.train().seed(),
                conf -> Optimizers.configure(conf, config.optimizer(), config.scheduler()));
        try {
            INDArray state = graph.getUpdater().getStateViewArray();
            return new CheckpointExpectation(RunIdentity.of(config, spec), parameters(graph.getConfiguration()),
                    state == null ? 0 : state.length(), updaters(graph.getConfiguration()), config.train().maxIter(),
                    TrajectoryKeys.of(config));
        } finally {
            graph.close();
        }
    }

    /** The parameter count a configuration declares (without creating the parameters). */
    static long parameters(ComputationGraphConfiguration conf) {
        long n = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            n += v.numParams(true);
        }
        return n;
    }

    /** The updater classes on a configuration's layers ("none" for a layer without one). */
    static Set<String> updaters(ComputationGraphConfiguration conf) {
        Set<String> names = new TreeSet<>();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf() != null
                    && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                names.add(layer.getIUpdater() == null ? "none" : layer.getIUpdater().getClass().getSimpleName());
            }
        }
        return names;
    }
}
