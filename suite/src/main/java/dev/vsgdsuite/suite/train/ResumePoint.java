package dev.vsgdsuite.suite.train;

import java.io.IOException;
import java.nio.file.Files;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.model.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a resumed run continues, decided from its folder before anything there is changed: a run
 * that already finished is left as it is ({@link #completed}); one without a checkpoint restarts
 * from iteration 0; otherwise the checkpoint must pass {@link CheckpointCheck} against the run's
 * {@code config.yaml}, and training continues from its trainer state.
 */
public final class ResumePoint {

    private static final Logger LOG = LoggerFactory.getLogger(ResumePoint.class);

    private final RunResult completed;
    private final TrainerState state;
    private final CheckpointExpectation expected;

    private ResumePoint(RunResult completed, TrainerState state, CheckpointExpectation expected) {
        this.completed = completed;
        this.state = state;
        this.expected = expected;
    }

    /**
     * Checks the run in {@code dir} (config {@code config}, network {@code spec}); reads only.
     *
     * @throws CheckpointException when its checkpoint cannot continue it
     */
    public static ResumePoint of(RunDirectory dir, RunConfig config, ModelSpec spec) {
        RunResult done = completedResult(dir, config);
        if (done != null) {
            return new ResumePoint(done, null, null);
        }
        Checkpointer checkpoints = new Checkpointer(dir, RunIdentity.of(config, spec), TrajectoryKeys.of(config));
        if (!checkpoints.exists()) {
            return new ResumePoint(null, null, null);
        }
        CheckpointExpectation expected = CheckpointExpectation.of(config, spec);
        return new ResumePoint(null, CheckpointCheck.verify(dir.file(RunDirectory.CHECKPOINT), expected), expected);
    }

    /** The run's result when it already finished (max_iter reached, or diverged), else null. */
    public RunResult completed() {
        return completed;
    }

    /** True when the run has no checkpoint and starts again from iteration 0. */
    boolean fromZero() {
        return state == null;
    }

    TrainerState state() {
        return state;
    }

    CheckpointExpectation expected() {
        return expected;
    }

    private static RunResult completedResult(RunDirectory dir, RunConfig config) {
        if (!Files.isRegularFile(dir.file(RunDirectory.RESULT))) {
            return null;
        }
        try {
            RunResult r = RunResult.of(Json.LINE.readTree(dir.file(RunDirectory.RESULT).toFile()));
            if (r.diverged() || r.iterations() >= config.train().maxIter()) {
                return r;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} is unreadable ({}); resuming the run, which writes it again", dir.file(RunDirectory.RESULT),
                    e.getMessage());
        }
        return null;
    }
}
