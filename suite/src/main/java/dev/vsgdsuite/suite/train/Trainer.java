package dev.vsgdsuite.suite.train;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.data.ImageBatches;
import dev.vsgdsuite.suite.data.ImageSet;
import dev.vsgdsuite.suite.model.InputShape;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import dev.vsgdsuite.suite.runtime.RuntimeInfo;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run as the authors run it: iteration-based, the learning rate stepped every
 * iteration, a validation-batch loss every {@code val_freq}, a full test evaluation every
 * {@code eval_test_freq}, and the final test on the last weights. A non-finite loss (or gradient)
 * stops the run and marks it diverged. Checkpoints (model, optimizer state, trainer position) every
 * {@code save_freq} iterations make {@link #resume} continue a killed run exactly where it was. The run
 * folder is locked ({@link RunDirectory#lock}) while the run trains in it.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final RunConfig config;
    private final RunDirectory dir;
    private final DataModule data;
    private final RuntimeInfo runtime;
    private final Progress progress;
    private final Phases phases;
    private final Checkpointer checkpoints;
    private final MetricsRecorder metrics;
    private volatile TrainerState current;

    public Trainer(RunConfig config, RunDirectory dir, DataModule data, RuntimeInfo runtime, Progress progress,
                   Phases phases) {
        this.config = config;
        this.dir = dir;
        this.data = data;
        this.runtime = runtime;
        this.progress = progress;
        this.phases = phases;
        this.checkpoints = new Checkpointer(dir, RunIdentity.of(config, modelSpec()), TrajectoryKeys.of(config));
        this.metrics = new MetricsRecorder(dir);
    }

    /** The network this run trains, for the run's data. */
    public ModelSpec modelSpec() {
        ImageSet t = data.train();
        return Networks.spec(config.model(), new InputShape(t.channels(), t.height(), t.width(), data.numClasses()));
    }

    /** A fresh run: writes the resolved config, trains, writes the result; the folder stays locked meanwhile. */
    public RunResult run() {
        try (RunDirectory.Lease lock = dir.lock()) {
            dir.writeAtomically(RunDirectory.CONFIG, config.toYaml().getBytes(StandardCharsets.UTF_8));
            phases.enter("build model");
            ComputationGraph graph = newNetwork();
            try {
                return train(graph, TrainerState.fresh(graph));
            } finally {
                graph.close();   // frees the network's native memory now, not whenever the GC gets to it
            }
        }
    }

    /** Locks the folder, checks its checkpoint ({@link ResumePoint}) and continues from it. */
    public RunResult resume() {
        try (RunDirectory.Lease lock = dir.lock()) {
            return resume(ResumePoint.of(dir, config, modelSpec()));
        }
    }

    /**
     * Continues from the run folder's checkpoint, checked by {@link ResumePoint}; metrics logged
     * after it are dropped and redone. A run that had finished is returned as it is.
     */
    public RunResult resume(ResumePoint point) {
        try (RunDirectory.Lease lock = dir.lock()) {
            if (point.completed() != null) {
                return point.completed();
            }
            if (point.fromZero()) {
                LOG.info("{} has no checkpoint yet: starting the run from the beginning", dir.path());
                dir.deleteMetrics();
                return run();
            }
            ComputationGraph graph = restoreNetwork(point.expected());
            try {
                TrainerState state = point.state();
                dir.truncateMetricsAfter(state.iteration);
                LOG.info("Resuming {} at iteration {} (epoch {}, batch {})", dir.path(), state.iteration, state.epoch,
                        state.batchInEpoch);
                return train(graph, state);
            } finally {
                graph.close();
            }
        }
    }

    private ComputationGraph newNetwork() {
        return Networks.build(modelSpec(), config.train().seed(),
                conf -> Optimizers.configure(conf, config.optimizer(), config.scheduler()));
    }

    /** The checkpoint's network with its optimizer state; what DL4J restored must be the network checked. */
    private ComputationGraph restoreNetwork(CheckpointExpectation expected) {
        File checkpoint = checkpoints.file();
        ComputationGraph graph;
        try {
            graph = Networks.restore(checkpoint, true);
        } catch (IOException e) {
            throw new CheckpointException(checkpoint.toPath(), "cannot be restored (" + e.getMessage() + ")", e);
        }
        INDArray state = graph.getUpdater().getStateViewArray();
        long stateLength = state == null ? 0 : state.length();
        long parameters = graph.numParams();
        if (parameters != expected.parameters() || stateLength != expected.updaterStateLength()) {
            graph.close();
            throw new CheckpointException(checkpoint.toPath(), "restores to " + parameters + " parameters and "
                    + stateLength + " optimizer state values, expected " + expected.parameters() + " and "
                    + expected.updaterStateLength());
        }
        return graph;
    }

    /** The iterations trained so far (for the record of a run that stops on an error). */
    public long iterationsTrained() {
        TrainerState s = current;
        return s == null ? 0 : s.iteration;
    }

    private RunResult train(ComputationGraph graph, TrainerState s) {
        current = s;
        var train = config.train();
        Evaluations evaluations;
        String divergence;
        try (ImageBatches batches = data.trainBatches(train.batchSize(), train.seed());
             ImageBatches validation = data.validationBatches(train.testBatchSize())) {
            evaluations = new Evaluations(graph, data, train, validation);
            LearningRate lr = new LearningRate(config.optimizer().lr(), config.scheduler(), graph, s);
            batches.startAt(s.epoch, s.batchInEpoch);
            phases.enter("train");
            progress.start(config.runName(), train.maxIter(), s.iteration);
            divergence = new TrainingLoop(train, graph, s, lr, evaluations, metrics, checkpoints, progress).run(batches);
        } finally {
            progress.close();
        }
        return finish(graph, s, evaluations, divergence);
    }

    /** The final test (on the last weights), checkpoint and β1 histogram, unless diverged; then the result. */
    private RunResult finish(ComputationGraph graph, TrainerState s, Evaluations evaluations, String divergence) {
        MetricsLine last = new MetricsLine(s.iteration, s.epoch);
        double testLoss = Double.NaN;
        double testAccuracy = Double.NaN;
        if (divergence == null) {
            phases.enter("evaluate");
            Evaluator.Scores test = evaluations.test(s, last);
            testLoss = test.loss();
            testAccuracy = test.accuracy();
            checkpoints.save(graph, s);
            ImplicitMomentum.Stats beta = ImplicitMomentum.of(graph);
            if (beta != null) {
                dir.writeJson(RunDirectory.BETA1, beta.histogram());
            }
        } else {
            LOG.warn("Run diverged: {}", divergence);
            last.diverged = divergence;
        }
        metrics.write(last);
        StepTiming timing = metrics.steadyStepTime(s.iteration);
        RunResult result = new RunResult(config.experiment(), config.dataset().name(), modelSpec().name(),
                config.optimizer().name(), config.train().seed(), s.iteration, testAccuracy, testLoss,
                divergence != null, divergence, timing == null ? Double.NaN : timing.median(), timing, s.trainSeconds,
                s.timeToTarget(), dir.path().toString(), runtime);
        dir.writeJson(RunDirectory.RESULT, result);
        return result;
    }
}
