package dev.vsgdsuite.suite.train;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One line of {@code metrics.jsonl}: the iteration and epoch, then whichever measurements were taken
 * there, in this order; a measurement not taken is left out of the line.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"iteration", "epoch", "train_loss", "train_accuracy", "lr", "step_ms", "val_loss", "beta1_median",
        "beta1_mean", "test_loss", "test_accuracy", "diverged"})
final class MetricsLine {

    final long iteration;
    final int epoch;
    /** Means over the logging interval that ends here; accuracy of its last batch before the step. */
    Double trainLoss;
    Double trainAccuracy;
    Double lr;
    Double stepMs;
    Double valLoss;
    Double beta1Median;
    Double beta1Mean;
    Double testLoss;
    Double testAccuracy;
    /** Why the run stopped, on the last line of a diverged run. */
    String diverged;

    MetricsLine(long iteration, int epoch) {
        this.iteration = iteration;
        this.epoch = epoch;
    }

    /** True when nothing was measured: such a line is not written. */
    boolean isEmpty() {
        return trainLoss == null && valLoss == null && beta1Median == null && testLoss == null && diverged == null;
    }
}
