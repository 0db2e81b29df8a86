package dev.vsgdsuite.suite.optim;

import java.util.ArrayList;
import java.util.List;

import dev.vsgdsuite.suite.schema.Key;
import dev.vsgdsuite.vsgd.DecoupledWeightDecay;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * What {@code weight_decay} λ means, as torch defines it per optimizer. Both act on weights and
 * biases (the authors decay every parameter); DL4J's batch norm takes no regularization.
 */
public enum WeightDecayMode {

    /** θ ← θ·(1 − η·λ) beside the step (torch.optim.AdamW, VSGD): DL4J's WeightDecay with η applied. */
    DECOUPLED("decoupled weight decay λ: θ ← θ·(1 − η·λ) each step, on weights and biases") {
        @Override
        public void apply(ComputationGraphConfiguration conf, double lambda) {
            DecoupledWeightDecay.apply(conf, lambda);
        }
    },

    /** λ·θ added to the gradient before the step (torch.optim.SGD and Adam's {@code weight_decay}). */
    L2("L2 penalty λ: λ·θ added to the gradient before the step, on weights and biases") {
        @Override
        public void apply(ComputationGraphConfiguration conf, double lambda) {
            for (GraphVertex v : conf.getVertices().values()) {
                if (v instanceof LayerVertex && ((LayerVertex) v).getLayerConf().getLayer() instanceof BaseLayer) {
                    BaseLayer layer = (BaseLayer) ((LayerVertex) v).getLayerConf().getLayer();
                    layer.setRegularization(l2(layer.getRegularization(), lambda));
                    layer.setRegularizationBias(l2(layer.getRegularizationBias(), lambda));
                }
            }
        }
    };

    private final Key<Double> key;

    WeightDecayMode(String doc) {
        this.key = Key.number("weight_decay", 0.0, doc, v -> v >= 0, ">= 0");
    }

    /** The {@code weight_decay} key, documented for this mode. */
    public Key<Double> key() {
        return key;
    }

    /** Sets λ on every layer of {@code conf}, replacing any decay set before. */
    public abstract void apply(ComputationGraphConfiguration conf, double lambda);

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
