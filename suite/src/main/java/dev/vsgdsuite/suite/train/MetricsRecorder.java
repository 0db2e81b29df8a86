package dev.vsgdsuite.suite.train;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The run's {@code metrics.jsonl}: the running means of the training loss and step time over each
 * logging interval (kept in the {@link TrainerState}, so a resumed run continues its interval), the
 * lines themselves, and the steady-state step time read back from them.
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

    /**
     * The steady-state training-step time of a run of {@code runIterations}: median and quartiles of
     * the logged intervals' mean step time, leaving out a warm-up window (JIT compilation, first
     * allocations) of {@link #warmupIterations} iterations; null when no interval was logged after it.
     */
    StepTiming steadyStepTime(long runIterations) {
        long warmup = warmupIterations(runIterations);
        List<Double> values = new ArrayList<>();
        for (JsonNode n : dir.readMetrics()) {
            if (n.has("step_ms") && n.get("iteration").asLong() > warmup) {
                values.add(n.get("step_ms").asDouble());
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(v);
        return new StepTiming(warmup, v.length, p.evaluate(50), p.evaluate(25), p.evaluate(75));
    }

    /** The warm-up window: the larger of 100 iterations and 10 % of the run, but at most half of it. */
    static long warmupIterations(long runIterations) {
        return Math.min(Math.max(100, runIterations / 10), runIterations / 2);
    }
}
