package dev.vsgdsuite.suite.train;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run as the authors run it: iteration-based, the learning rate stepped every
 * iteration, a validation-batch loss every {@code val_freq}, a full test evaluation every
 * {@code eval_test_freq}, and the final test on the last weights. A non-finite loss (or gradient)
 * stops the run and marks it diverged. Checkpoints (model, optimizer state, trainer position) every
 * {@code save_freq} iterations make {@link #resume} continue a killed run exactly where it was.
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

    public Trainer(RunConfig config, RunDirectory dir, DataModule data, RuntimeInfo runtime, Progress progress,
                   Phases phases) {
        this.config = config;
        this.dir = dir;
        this.data = data;
        this.runtime = runtime;
        this.progress = progress;
        this.phases = phases;
        this.checkpoints = new Checkpointer(dir);
        this.metrics = new MetricsRecorder(dir);
    }

    /** The network this run trains, for the run's data. */
    public ModelSpec modelSpec() {
        ImageSet t = data.train();
        return Networks.spec(config.model(), new InputShape(t.channels(), t.height(), t.width(), data.numClasses()));
    }

    /** A fresh run: writes the resolved config, trains, writes the result. */
    public RunResult run() {
        dir.writeAtomically(RunDirectory.CONFIG, config.toYaml().getBytes(StandardCharsets.UTF_8));
        phases.enter("build model");
        ComputationGraph graph = newNetwork();
        try {
            return train(graph, TrainerState.fresh(graph));
        } finally {
            graph.close();   // frees the network's native memory now, not whenever the GC gets to it
        }
    }

    /** Continues from the run folder's checkpoint; metrics logged after it are dropped and redone. */
    public RunResult resume() {
        if (!checkpoints.exists()) {
            LOG.info("{} has no checkpoint yet: starting the run from the beginning", dir.path());
            dir.deleteMetrics();
            return run();
        }
        File checkpoint = checkpoints.file();
        try {
            ComputationGraph graph = restoreNetwork(checkpoint);
            try {
                TrainerState state = checkpoints.readState();
                dir.truncateMetricsAfter(state.iteration);
                LOG.info("Resuming {} at iteration {} (epoch {}, batch {})", dir.path(), state.iteration, state.epoch,
                        state.batchInEpoch);
                return train(graph, state);
            } finally {
                graph.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private ComputationGraph newNetwork() {
        return Networks.build(modelSpec(), config.train().seed(),
                conf -> Optimizers.configure(conf, config.optimizer(), config.scheduler()));
    }

    private static ComputationGraph restoreNetwork(File checkpoint) throws IOException {
        return Networks.restore(checkpoint, true);
    }

    private RunResult train(ComputationGraph graph, TrainerState s) {
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
