package dev.vsgdsuite.suite.train;

import dev.vsgdsuite.suite.config.TrainConfig;
import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.data.ImageBatches;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The measurements a run takes of its network besides training: the loss of one validation batch,
 * a full test evaluation (which also notes when the test accuracy first reaches the target), and the
 * statistics of VSGD's implicit momentum β1. Each writes its values into a metrics line.
 */
final class Evaluations {

    private final ComputationGraph graph;
    private final DataModule data;
    private final TrainConfig train;
    /** Held-out training images, or null when the data set has none. */
    private final ImageBatches validation;

    Evaluations(ComputationGraph graph, DataModule data, TrainConfig train, ImageBatches validation) {
        this.graph = graph;
        this.data = data;
        this.train = train;
        this.validation = validation;
    }

    boolean hasValidation() {
        return validation != null;
    }

    /** Loss of the next validation batch (cycling through the held-out images in order). */
    double validationLoss(TrainerState s, MetricsLine line) {
        validation.startAt(0, s.validationBatch % validation.batchesPerEpoch());
        s.validationBatch++;
        double loss = Evaluator.batch(graph, validation.next()).loss();
        line.valLoss = loss;
        return loss;
    }

    /** The test set's loss and accuracy; the first one at or above the target accuracy sets the time to target. */
    Evaluator.Scores test(TrainerState s, MetricsLine line) {
        try (ImageBatches test = data.testBatches(train.testBatchSize())) {
            Evaluator.Scores scores = Evaluator.evaluate(graph, test);
            line.testLoss = scores.loss();
            line.testAccuracy = scores.accuracy();
            Double target = train.targetAccuracy();
            if (target != null && s.targetIteration < 0 && scores.accuracy() >= target) {
                s.targetIteration = s.iteration;
                s.targetSeconds = s.trainSeconds;
            }
            return scores;
        }
    }

    /** Median and mean of β1; nothing for optimizers without it. */
    void beta1(MetricsLine line) {
        ImplicitMomentum.Stats beta = ImplicitMomentum.of(graph);
        if (beta != null) {
            line.beta1Median = beta.median();
            line.beta1Mean = beta.mean();
        }
    }
}
