package dev.vsgdsuite.suite.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Where a run is, beyond the network and optimizer state: enough to continue a killed run so that
 * its metrics equal an uninterrupted run's. Saved inside each checkpoint as one JSON object of its
 * fields (snake_case keys).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonPropertyOrder({"iteration", "epoch", "batch_in_epoch", "validation_batch", "train_seconds", "loss_sum", "ms_sum",
        "count", "target_iteration", "target_seconds", "plateau_lr", "plateau_best", "plateau_bad", "plateau_cooldown"})
final class TrainerState {

    long iteration;
    int epoch;
    int batchInEpoch;
    int validationBatch;
    double trainSeconds;
    /** Accumulators of the current logging interval. */
    double lossSum;
    double msSum;
    int count;
    /** Time to target: first iteration and training seconds at the target, or −1. */
    long targetIteration = -1;
    double targetSeconds = -1;
    /** Plateau schedule: current lr (NaN: not started), best loss, bad checks, cooldown left. */
    @JsonSerialize(using = Json.FiniteOrNull.class)
    @JsonDeserialize(using = Json.NullAsNaN.class)
    double plateauLr = Double.NaN;
    @JsonSerialize(using = Json.FiniteOrNull.class)
    @JsonDeserialize(using = Json.NullAsPositiveInfinity.class)
    double plateauBest = Double.POSITIVE_INFINITY;
    int plateauBad;
    int plateauCooldown;

    static TrainerState fresh(ComputationGraph graph) {
        TrainerState s = new TrainerState();
        s.iteration = graph.getIterationCount();
        return s;
    }

    RunResult.TimeToTarget timeToTarget() {
        return targetIteration < 0 ? null : new RunResult.TimeToTarget(targetIteration, targetSeconds);
    }

    String toJson() {
        try {
            return Json.LINE.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state a checkpoint holds; every key must be there, so a state of another layout is refused, not guessed. */
    static TrainerState fromJson(String json) {
        try {
            JsonNode n = Json.LINE.readTree(json);
            List<String> missing = new ArrayList<>();
            for (Iterator<String> keys = Json.LINE.valueToTree(new TrainerState()).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!n.has(key)) {
                    missing.add(key);
                }
            }
            if (!missing.isEmpty()) {
                throw new IOException("no " + String.join(", ", missing));
            }
            return Json.LINE.treeToValue(n, TrainerState.class);
        } catch (IOException e) {
            throw new IllegalStateException("Checkpoint trainer state is unreadable (" + e.getMessage()
                    + "); the checkpoint was not written by this version of the suite", e);
        }
    }
}
