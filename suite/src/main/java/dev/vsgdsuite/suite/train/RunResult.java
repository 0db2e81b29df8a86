package dev.vsgdsuite.suite.train;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.vsgdsuite.suite.runtime.RuntimeInfo;

/**
 * The outcome of one run, as written to {@code result.json} and printed as the CLI's last line
 * (snake_case keys, in this order).
 *
 * @param testAccuracy     final test accuracy; NaN (null in JSON) for a diverged run
 * @param testLoss         final test loss; NaN (null in JSON) for a diverged run
 * @param msPerIter        steady-state training-step time (forward, backward, update; no evaluation):
 *                         the median of {@link StepTiming}; NaN when no interval was logged after warm-up
 * @param stepTiming       how {@code msPerIter} was measured, with its interquartile range (absent in
 *                         results written before it existed)
 * @param trainSeconds     the run's training time: the sum of its training steps, across resumes
 *                         (no evaluation, checkpoints or data loading)
 * @param timeToTarget     first iteration and training seconds at which test accuracy reached the
 *                         target, or null (never, or no target)
 * @param status           {@value #FAILED} for a run that stopped on an error; absent (null) otherwise
 * @param message          what stopped a failed run, and the fix; absent otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunResult(String experiment, String dataset, String model, String optimizer, long seed, long iterations,
                        @JsonSerialize(using = Json.FiniteOrNull.class) @JsonDeserialize(using = Json.NullAsNaN.class)
                        double testAccuracy,
                        @JsonSerialize(using = Json.FiniteOrNull.class) @JsonDeserialize(using = Json.NullAsNaN.class)
                        double testLoss,
                        boolean diverged, String divergence,
                        @JsonDeserialize(using = Json.NullAsNaN.class) double msPerIter,
                        @JsonInclude(JsonInclude.Include.NON_NULL) StepTiming stepTiming, double trainSeconds,
                        TimeToTarget timeToTarget, String runDir, RuntimeInfo runtime,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String status,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String message) {

    /** The {@code status} of a run that stopped on an error. */
    public static final String FAILED = "failed";

    /** A finished (or diverged) run: no status, no message. */
    public RunResult(String experiment, String dataset, String model, String optimizer, long seed, long iterations,
                     double testAccuracy, double testLoss, boolean diverged, String divergence, double msPerIter,
                     StepTiming stepTiming, double trainSeconds, TimeToTarget timeToTarget, String runDir,
                     RuntimeInfo runtime) {
        this(experiment, dataset, model, optimizer, seed, iterations, testAccuracy, testLoss, diverged, divergence,
                msPerIter, stepTiming, trainSeconds, timeToTarget, runDir, runtime, null, null);
    }

    /** A run that stopped on an error after its folder was made: what is known of it, and {@code message}. */
    public static RunResult failed(String experiment, String dataset, String model, String optimizer, long seed,
                                   long iterations, String runDir, RuntimeInfo runtime, String message) {
        return new RunResult(experiment, dataset, model, optimizer, seed, iterations, Double.NaN, Double.NaN, false, null,
                Double.NaN, null, 0, null, runDir, runtime, FAILED, message);
    }

    /** True for a run that stopped on an error ({@link #failed}). */
    public boolean failed() {
        return FAILED.equals(status);
    }

    /** When test accuracy first reached the run's target: the iteration and the training seconds until then. */
    public record TimeToTarget(long iteration, double seconds) {}

    /** The result held in an already parsed {@code result.json}. */
    public static RunResult of(JsonNode resultJson) {
        try {
            return Json.LINE.treeToValue(resultJson, RunResult.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a run result: " + e.getMessage(), e);
        }
    }

    /** The JSON form as an ordered map, for callers that print or merge it. */
    public Map<String, Object> asMap() {
        return Json.LINE.convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
