package dev.vsgdsuite.suite.optim;

import java.util.ArrayList;
import java.util.List;

import dev.vsgdsuite.suite.config.OptimizerConfig;
import dev.vsgdsuite.suite.dl4j.FastLayers;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.vsgd.DecoupledWeightDecay;
import dev.vsgdsuite.vsgd.Vsgd;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Maps an optimizer config to a DL4J updater and its weight-decay meaning, as torch defines them:
 * VSGD and AdamW decay decoupled (θ ← θ·(1 − ηλ)); Adam and SGD add λ·θ to the gradient (L2).
 * Weight decay covers weights and biases; DL4J's batch norm takes no regularization.
 */
public final class Optimizers {

    private Optimizers() {}

    /** The network of {@code spec} with this optimizer and schedule on every layer, initialised from {@code seed}. */
    public static ComputationGraph build(ModelSpec spec, OptimizerConfig optimizer, SchedulerConfig scheduler, long seed) {
        ComputationGraphConfiguration conf = spec.configuration(seed);
        configure(conf, optimizer, scheduler);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        spec.initialise(graph, seed);
        FastLayers.install(graph);
        return graph;
    }

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
        applyWeightDecay(conf, optimizer);
    }

    public static IUpdater updater(OptimizerConfig c, SchedulerConfig s) {
        ISchedule schedule = schedule(c.lr(), s);
        switch (c.name()) {
            case "vsgd":
                return Vsgd.builder().learningRate(c.lr()).learningRateSchedule(schedule).ps(c.ps()).ghattg(c.ghattg())
                        .tau1(c.tau1()).tau2(c.tau2()).eps(c.eps()).build();
            case "adam":
            case "adamw":
                return Adam.builder().learningRate(c.lr()).learningRateSchedule(schedule).beta1(c.beta1())
                        .beta2(c.beta2()).epsilon(c.eps()).build();
            case "sgd":
                if (c.momentum() > 0) {
                    return new SgdMomentum(c.lr(), schedule, c.momentum(), c.nesterov());
                }
                return schedule == null ? new Sgd(c.lr()) : new Sgd(schedule);
            default:
                throw new IllegalArgumentException("unknown optimizer " + c.name());
        }
    }

    /** The per-iteration learning rate, or null for a constant one (none; plateau adjusts it at run time). */
    public static ISchedule schedule(double lr, SchedulerConfig s) {
        switch (s.name()) {
            case "step":
                return new StepSchedule(ScheduleType.ITERATION, lr, s.gamma(), s.stepSize());
            case "cosine":
                return new CosineSchedule(lr, s.tMax(), s.etaMin());
            default:
                return null;
        }
    }

    /** Sets this optimizer's weight decay on the weights and biases of every layer. */
    public static void applyWeightDecay(ComputationGraphConfiguration conf, OptimizerConfig c) {
        boolean decoupled = c.name().equals("vsgd") || c.name().equals("adamw");
        if (decoupled) {
            DecoupledWeightDecay.apply(conf, c.weightDecay());
            return;
        }
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex && ((LayerVertex) v).getLayerConf().getLayer() instanceof BaseLayer) {
                BaseLayer layer = (BaseLayer) ((LayerVertex) v).getLayerConf().getLayer();
                layer.setRegularization(l2(layer.getRegularization(), c.weightDecay()));
                layer.setRegularizationBias(l2(layer.getRegularizationBias(), c.weightDecay()));
            }
        }
    }

    private static List<Regularization> l2(List<Regularization> existing, double lambda) {
        List<Regularization> out = new ArrayList<>();
        if (existing != null) {
            for (Regularization r : existing) {
                if (!(r instanceof L2Regularization) && !(r instanceof WeightDecay)) {
                    out.add(r);
                }
            }
        }
        if (lambda > 0) {
            out.add(new L2Regularization(lambda));
        }
        return out;
    }
}
