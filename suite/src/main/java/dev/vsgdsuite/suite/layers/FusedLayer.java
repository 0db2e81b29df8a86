package dev.vsgdsuite.suite.layers;

import java.util.List;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * What the suite's fused ConvMixer layers ({@link MixerBlockLayer}, {@link PatchEmbeddingLayer})
 * share as configurations: NCHW convolutional input, batch norm with DL4J's ε and decay, and the
 * running statistics kept as parameters that DL4J's NoOp updater leaves to the layer, as for its own
 * batch norm. Each layer's JSON carries these fields, so checkpoints restore them.
 */
public abstract class FusedLayer extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    private double eps;
    private double decay;

    /** For DL4J's JSON reader, which fills the fields of a default-constructed layer. */
    protected FusedLayer() {
        eps = 1e-5;
        decay = 0.9;
    }

    protected FusedLayer(Builder<?> builder) {
        super(builder);
        eps = builder.eps;
        decay = builder.decay;
        if (!(eps > 0) || !(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException(kind() + ": eps = " + eps + " must be > 0 and decay = " + decay + " in [0, 1)");
        }
    }

    /** The layer's kind in messages ("mixer block"). */
    protected abstract String kind();

    /** A running statistic: set by the layer, not trained. */
    protected abstract boolean isStatistic(String paramName);

    public double getEps() {
        return eps;
    }

    public double getDecay() {
        return decay;
    }

    protected InputType.InputTypeConvolutional convolutional(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException(kind() + " '" + getLayerName() + "' needs convolutional (NCHW) input, got "
                    + inputType);
        }
        if (c.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(kind() + " '" + getLayerName() + "': only NCHW activations, not " + c.getFormat());
        }
        return c;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return isStatistic(paramName) ? null : super.getRegularizationByParam(paramName);
    }

    /** The running statistics are set, not trained: DL4J's NoOp updater, as for its batch norm. */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return isStatistic(paramName) ? new NoOp() : super.getUpdaterByParam(paramName);
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedLayer f && f.eps == eps && f.decay == decay && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Double.hashCode(eps)) + Double.hashCode(decay);
    }

    /** Batch norm's ε and decay (DL4J's meaning), beside nIn and nOut. */
    public abstract static class Builder<T extends Builder<T>> extends FeedForwardLayer.Builder<T> {

        private double eps = 1e-5;
        private double decay = 0.9;

        @SuppressWarnings("unchecked")
        public T eps(double eps) {
            this.eps = eps;
            return (T) this;
        }

        @SuppressWarnings("unchecked")
        public T decay(double decay) {
            this.decay = decay;
            return (T) this;
        }
    }
}
