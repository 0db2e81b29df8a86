package dev.vsgdsuite.suite.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's OutputLayer with softmax and multi-class cross-entropy (its parameters, initialisation,
 * JSON and updater handling unchanged), whose forward pass, score and backprop are computed on the
 * host ({@link SoftmaxOutputImpl}): for the fused ConvMixer's classifier on the CPU.
 */
public class SoftmaxOutputLayer extends OutputLayer {

    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON reader. */
    public SoftmaxOutputLayer() {}

    private SoftmaxOutputLayer(OutputLayer.Builder builder) {
        super(builder);
    }

    /** nIn inputs, nOut classes, weights from {@code init}, biases 0. */
    public static SoftmaxOutputLayer of(long nIn, long nOut, IWeightInit init) {
        return new SoftmaxOutputLayer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(nIn).nOut(nOut)
                .activation(Activation.SOFTMAX).weightInit(init).biasInit(0));
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        if (!(getActivationFn() instanceof ActivationSoftmax) || !(getLossFn() instanceof LossMCXENT loss)
                || loss.getWeights() != null) {
            throw new IllegalArgumentException("softmax output '" + getLayerName() + "' computes softmax with unweighted "
                    + "multi-class cross-entropy, not " + getActivationFn() + " with " + getLossFn());
        }
        return LayerWiring.wire(new SoftmaxOutputImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftmaxOutputLayer && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof SoftmaxOutputLayer;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 11;
    }
}
