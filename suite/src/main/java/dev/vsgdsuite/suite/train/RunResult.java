package dev.vsgdsuite.suite.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one run, as written to {@code result.json} and printed as the CLI's last line.
 *
 * @param msPerIter        median training-step time (forward, backward, update; no evaluation)
 * @param trainSeconds     the run's training time: the sum of its training steps, across resumes
 *                         (no evaluation, checkpoints or data loading)
 * @param timeToTarget     first iteration and training seconds at which test accuracy reached the
 *                         target, or null (never, or no target)
 */
public record RunResult(String experiment, String dataset, String model, String optimizer, long seed, long iterations,
                        double testAccuracy, double testLoss, boolean diverged, String divergence, double msPerIter,
                        double trainSeconds, Map<String, Object> timeToTarget, String runDir, Map<String, Object> runtime) {

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", experiment);
        m.put("dataset", dataset);
        m.put("model", model);
        m.put("optimizer", optimizer);
        m.put("seed", seed);
        m.put("iterations", iterations);
        m.put("test_accuracy", Double.isNaN(testAccuracy) ? null : testAccuracy);
        m.put("test_loss", Double.isFinite(testLoss) ? testLoss : null);
        m.put("diverged", diverged);
        m.put("divergence", divergence);
        m.put("ms_per_iter", msPerIter);
        m.put("train_seconds", trainSeconds);
        m.put("time_to_target", timeToTarget);
        m.put("run_dir", runDir);
        m.put("runtime", runtime);
        return m;
    }
}
