package dev.vsgdsuite.suite.layers;

import java.util.Collection;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every suite layer configuration's {@code instantiate} does with its new layer, as DL4J's own layers do. */
final class LayerWiring {

    private LayerWiring() {}

    /** Gives {@code layer} its listeners, index, parameter view and the parameter table {@code initializer} lays out. */
    static <T extends AbstractLayer<?>> T wire(T layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                           int layerIndex, INDArray layerParamsView, boolean initializeParams,
                                           ParamInitializer initializer) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer.init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
