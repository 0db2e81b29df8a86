package dev.vsgdsuite.suite.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Where a run is, beyond the network and optimizer state: enough to continue a killed run so that
 * its metrics equal an uninterrupted run's. Saved inside each checkpoint.
 */
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
    /** Plateau schedule: current lr, best loss, bad checks, cooldown left. */
    double plateauLr = Double.NaN;
    double plateauBest = Double.POSITIVE_INFINITY;
    int plateauBad;
    int plateauCooldown;

    static TrainerState fresh(ComputationGraph graph) {
        TrainerState s = new TrainerState();
        s.iteration = graph.getIterationCount();
        return s;
    }

    Map<String, Object> timeToTarget() {
        if (targetIteration < 0) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", targetIteration);
        m.put("seconds", targetSeconds);
        return m;
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", iteration);
        m.put("epoch", epoch);
        m.put("batch_in_epoch", batchInEpoch);
        m.put("validation_batch", validationBatch);
        m.put("train_seconds", trainSeconds);
        m.put("loss_sum", lossSum);
        m.put("ms_sum", msSum);
        m.put("count", count);
        m.put("target_iteration", targetIteration);
        m.put("target_seconds", targetSeconds);
        m.put("plateau_lr", Double.isNaN(plateauLr) ? null : plateauLr);
        m.put("plateau_best", Double.isInfinite(plateauBest) ? null : plateauBest);
        m.put("plateau_bad", plateauBad);
        m.put("plateau_cooldown", plateauCooldown);
        try {
            return Json.LINE.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrainerState fromJson(String json) {
        try {
            JsonNode n = Json.LINE.readTree(json);
            TrainerState s = new TrainerState();
            s.iteration = n.get("iteration").asLong();
            s.epoch = n.get("epoch").asInt();
            s.batchInEpoch = n.get("batch_in_epoch").asInt();
            s.validationBatch = n.get("validation_batch").asInt();
            s.trainSeconds = n.get("train_seconds").asDouble();
            s.lossSum = n.get("loss_sum").asDouble();
            s.msSum = n.get("ms_sum").asDouble();
            s.count = n.get("count").asInt();
            s.targetIteration = n.get("target_iteration").asLong();
            s.targetSeconds = n.get("target_seconds").asDouble();
            s.plateauLr = n.get("plateau_lr").isNull() ? Double.NaN : n.get("plateau_lr").asDouble();
            s.plateauBest = n.get("plateau_best").isNull() ? Double.POSITIVE_INFINITY : n.get("plateau_best").asDouble();
            s.plateauBad = n.get("plateau_bad").asInt();
            s.plateauCooldown = n.get("plateau_cooldown").asInt();
            return s;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("Checkpoint trainer state is unreadable (" + e.getMessage()
                    + "); the checkpoint was not written by this version of the suite", e);
        }
    }
}
