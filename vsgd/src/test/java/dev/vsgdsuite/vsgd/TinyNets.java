package dev.vsgdsuite.vsgd;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A small float32 MLP and reproducible random batches, for tests that run updaters inside DL4J. */
final class TinyNets {

    static final int IN = 6;
    static final int HIDDEN = 10;
    static final int CLASSES = 3;

    private TinyNets() {}

    static MultiLayerNetwork mlp(IUpdater updater, double weightDecay, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(DecoupledWeightDecay.apply(conf, weightDecay));
        net.init();
        return net;
    }

    /** Batch {@code i} of a fixed random classification stream (labels depend on the features). */
    static DataSet batch(long seed, int i, int size) {
        java.util.Random rng = new java.util.Random(seed * 1_000_003L + i);
        float[] values = new float[size * IN];
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) rng.nextGaussian();
        }
        INDArray x = Nd4j.createFromArray(values).reshape(size, IN);
        INDArray y = Nd4j.zeros(DataType.FLOAT, size, CLASSES);
        for (int r = 0; r < size; r++) {
            int cls = x.getFloat(r, 0) + 0.5f * x.getFloat(r, 1) > 0.4f ? 0 : x.getFloat(r, 2) > 0 ? 1 : 2;
            y.putScalar(r, cls, 1f);
        }
        return new DataSet(x, y);
    }
}
