package dev.vsgdsuite.vsgd;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * The authors' decoupled weight decay θ ← θ·(1 − η·λ) (docs/PROTOCOL.md §1), on weights and biases, for any
 * updater (VSGD, or Adam to make AdamW).
 *
 * <p>A DL4J updater never sees θ, so the decay is DL4J's {@link WeightDecay} with the learning rate
 * applied: DL4J adds η·λ·θ to the update after the updater ran, the same arithmetic since the rest of
 * the update does not depend on θ. Use it in one line on the built configuration:
 * <pre>{@code
 * MultiLayerConfiguration conf = DecoupledWeightDecay.apply(builder.build(), 5e-4);
 * }</pre>
 *
 * <p>Why not the builder's {@code .weightDecay(λ)} or {@code .regularization(..)}: DL4J 1.0.0-M2.1
 * copies a global {@code WeightDecay} into each layer and then adds it again while merging the global
 * list into the layer's (LayerValidation.configureBaseLayer), so every layer decays twice as fast as
 * asked. {@link #apply} leaves exactly one {@code WeightDecay} per parameter kind, whatever the builder
 * did, and keeps any other regularization (L1, L2) as it was.
 *
 * <p>Batch-norm γ/β are not decayed: DL4J's {@code BatchNormalization} accepts no regularization
 * (the authors' PyTorch code decays them too; the difference only matters when λ &gt; 0).
 */
public final class DecoupledWeightDecay {

    private DecoupledWeightDecay() {}

    /**
     * The regularization list for one layer builder ({@code .regularization(..)} and
     * {@code .regularizationBias(..)} of a layer, never of the global builder): one {@link WeightDecay}
     * with the learning rate applied, or an empty list for λ = 0.
     *
     * @param weightDecay λ ({@code weight_decay}), ≥ 0
     */
    public static List<Regularization> regularization(double weightDecay) {
        Vsgd.require("weight_decay", weightDecay, weightDecay >= 0, ">= 0");
        List<Regularization> list = new ArrayList<>();
        if (weightDecay > 0) {
            list.add(new WeightDecay(weightDecay, true));
        }
        return list;
    }

    /** Sets decoupled decay λ on the weights and biases of every layer; returns {@code conf}. */
    public static MultiLayerConfiguration apply(MultiLayerConfiguration conf, double weightDecay) {
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            applyTo(layerConf.getLayer(), weightDecay);
        }
        return conf;
    }

    /** Sets decoupled decay λ on the weights and biases of every layer vertex; returns {@code conf}. */
    public static ComputationGraphConfiguration apply(ComputationGraphConfiguration conf, double weightDecay) {
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex) {
                applyTo(((LayerVertex) vertex).getLayerConf().getLayer(), weightDecay);
            }
        }
        return conf;
    }

    /** Number of {@link WeightDecay} entries a layer applies to its weights (1 after {@link #apply}). */
    public static long weightDecayCount(Layer layer) {
        if (!(layer instanceof BaseLayer) || ((BaseLayer) layer).getRegularization() == null) {
            return 0;
        }
        return ((BaseLayer) layer).getRegularization().stream().filter(r -> r instanceof WeightDecay).count();
    }

    private static void applyTo(Layer layer, double weightDecay) {
        if (layer instanceof BaseLayer) {
            BaseLayer base = (BaseLayer) layer;
            base.setRegularization(replaceDecay(base.getRegularization(), weightDecay));
            base.setRegularizationBias(replaceDecay(base.getRegularizationBias(), weightDecay));
        }
    }

    private static List<Regularization> replaceDecay(List<Regularization> existing, double weightDecay) {
        List<Regularization> out = new ArrayList<>();
        if (existing != null) {
            for (Regularization r : existing) {
                if (!(r instanceof WeightDecay)) {
                    out.add(r);
                }
            }
        }
        out.addAll(regularization(weightDecay));
        return out;
    }
}
