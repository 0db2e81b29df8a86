package dev.vsgdsuite.suite.train;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The run's {@code metrics.jsonl}: the running means of the training loss and step time over each
 * logging interval (kept in the {@link TrainerState}, so a resumed run continues its interval), the
 * lines themselves, and the median step time read back from them.
 */
final class MetricsRecorder {

    private final RunDirectory dir;

    MetricsRecorder(RunDirectory dir) {
        this.dir = dir;
    }

    /** A finished training step joins the current logging interval. */
    void addStep(TrainerState s, double loss, double stepMs) {
        s.lossSum += loss;
        s.msSum += stepMs;
        s.count++;
    }

    /** The interval's mean loss and step time, with the given accuracy and rate, into {@code line}; a new interval starts. */
    void endInterval(TrainerState s, MetricsLine line, double trainAccuracy, double lr) {
        line.trainLoss = s.lossSum / s.count;
        line.trainAccuracy = trainAccuracy;
        line.lr = lr;
        line.stepMs = s.msSum / s.count;
        s.lossSum = 0;
        s.msSum = 0;
        s.count = 0;
    }

    /** Appends {@code line}, unless nothing was measured at its iteration. */
    void write(MetricsLine line) {
        if (!line.isEmpty()) {
            dir.appendMetrics(line);
        }
    }

    /** Median over the logged intervals of the mean training-step time; NaN when none was logged. */
    double medianStepMs() {
        List<Double> values = new ArrayList<>();
        for (JsonNode n : dir.readMetrics()) {
            if (n.has("step_ms")) {
                values.add(n.get("step_ms").asDouble());
            }
        }
        if (values.isEmpty()) {
            return Double.NaN;
        }
        values.sort(Double::compare);
        int k = values.size();
        return k % 2 == 1 ? values.get(k / 2) : (values.get(k / 2 - 1) + values.get(k / 2)) / 2;
    }
}
