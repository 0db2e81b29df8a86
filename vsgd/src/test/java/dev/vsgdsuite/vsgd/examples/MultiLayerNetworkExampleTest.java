package dev.vsgdsuite.vsgd.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsgdsuite.vsgd.DecoupledWeightDecay;
import dev.vsgdsuite.vsgd.Vsgd;
import dev.vsgdsuite.vsgd.VsgdUpdater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The README's MultiLayerNetwork example, as it is printed there (the lines between the markers), trains. */
class MultiLayerNetworkExampleTest {

    @Test
    void theReadmeExampleTrainsWithVsgd() {
        DataSet data = LearnableData.of(256, 1);
        double before;
        // README:begin
        Vsgd vsgd = Vsgd.builder().learningRate(0.1).build();   // the authors' defaults for ps, ghattg, tau1, tau2, eps
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(vsgd)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        conf = DecoupledWeightDecay.apply(conf, 5e-4);   // the authors' decoupled decay, on weights and biases
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // README:end
        before = net.score(data);
        for (int i = 0; i < 100; i++) {
            net.fit(data);
        }
        assertThat(net.score(data)).as("loss after 100 VSGD steps").isLessThan(before / 2);
        assertThat(net.getUpdater().getStateViewArray()).isNotNull();
        assertThat(((org.deeplearning4j.nn.updater.BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks())
                .allMatch(b -> b.getGradientUpdater() instanceof VsgdUpdater);
    }
}
