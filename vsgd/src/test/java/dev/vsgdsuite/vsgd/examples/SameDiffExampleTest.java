package dev.vsgdsuite.vsgd.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsgdsuite.vsgd.DecoupledWeightDecay;
import dev.vsgdsuite.vsgd.Vsgd;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.weightinit.impl.XavierInitScheme;

/** The README's SameDiff example, as it is printed there (the lines between the markers), trains. */
class SameDiffExampleTest {

    @Test
    void theReadmeExampleTrainsWithVsgd() {
        DataSet data = LearnableData.of(256, 2);
        // README:begin
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", new XavierInitScheme('c', 4, 3), DataType.FLOAT, 4, 3);
        SDVariable b = sd.zero("b", DataType.FLOAT, 1, 3);
        SDVariable logits = x.mmul(w).add(b);
        sd.loss.softmaxCrossEntropy("loss", y, logits, null);   // softmax and cross-entropy in one stable op
        sd.setTrainingConfig(new TrainingConfig.Builder()
                .updater(Vsgd.builder().learningRate(0.1).build())
                .regularization(DecoupledWeightDecay.regularization(5e-4))
                .dataSetFeatureMapping("x").dataSetLabelMapping("y")
                .build());
        // README:end
        double before = loss(sd, data);
        sd.fit(new SingletonDataSetIterator(data), 100);
        assertThat(loss(sd, data)).as("loss after 100 VSGD steps").isLessThan(before / 2);
    }

    private static double loss(SameDiff sd, DataSet data) {
        return sd.output(java.util.Map.of("x", data.getFeatures(), "y", data.getLabels()), "loss").get("loss")
                .getDouble(0);
    }
}
