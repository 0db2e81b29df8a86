package dev.vsgdsuite.suite.optim;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Puts an optimizer config on a network: its DL4J updater, driven by the run's learning-rate
 * schedule, and its weight decay, on every layer.
 */
public final class Optimizers {

    private Optimizers() {}

    /** Sets this optimizer (with its schedule) and its weight decay on every layer of {@code conf}. */
    public static void configure(ComputationGraphConfiguration conf, OptimizerConfig optimizer, SchedulerConfig scheduler) {
        IUpdater updater = updater(optimizer, scheduler);
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex && ((LayerVertex) v).getLayerConf().getLayer() instanceof BaseLayer) {
                BaseLayer layer = (BaseLayer) ((LayerVertex) v).getLayerConf().getLayer();
                layer.setIUpdater(updater.clone());
                layer.setBiasUpdater(null);
            }
        }
        optimizer.type().weightDecay().apply(conf, optimizer.weightDecay());
    }

    /** The optimizer's DL4J updater, its learning rate following {@code scheduler}. */
    public static IUpdater updater(OptimizerConfig optimizer, SchedulerConfig scheduler) {
        return optimizer.updater(scheduler.schedule(optimizer.lr()));
    }
}
