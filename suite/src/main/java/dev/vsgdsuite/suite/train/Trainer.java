package dev.vsgdsuite.suite.train;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.data.ImageBatches;
import dev.vsgdsuite.suite.data.ImageSet;
import dev.vsgdsuite.suite.model.InputShape;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import dev.vsgdsuite.vsgd.NonFiniteGradientException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
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
    static final String STATE_ENTRY = "trainer_state.json";

    private final RunConfig config;
    private final RunDirectory dir;
    private final DataModule data;
    private final Map<String, Object> runtime;
    private final Progress progress;
    private final Phases phases;

    public Trainer(RunConfig config, RunDirectory dir, DataModule data, Map<String, Object> runtime, Progress progress,
                   Phases phases) {
        this.config = config;
        this.dir = dir;
        this.data = data;
        this.runtime = runtime;
        this.progress = progress;
        this.phases = phases;
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
        ComputationGraph graph = Networks.build(modelSpec(), config.train().seed(),
                conf -> Optimizers.configure(conf, config.optimizer(), config.scheduler()));
        try {
            return train(graph, TrainerState.fresh(graph));
        } finally {
            graph.close();   // frees the network's native memory now, not whenever the GC gets to it
        }
    }

    /** Continues from the run folder's checkpoint; metrics logged after it are dropped and redone. */
    public RunResult resume() {
        File checkpoint = dir.file(RunDirectory.CHECKPOINT).toFile();
        if (!checkpoint.isFile()) {
            LOG.info("{} has no checkpoint yet: starting the run from the beginning", dir.path());
            try {
                Files.deleteIfExists(dir.file(RunDirectory.METRICS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return run();
        }
        try {
            ComputationGraph graph = Networks.restore(checkpoint, true);
            String stateJson = ModelSerializer.getObjectFromFile(checkpoint, STATE_ENTRY);
            TrainerState state = TrainerState.fromJson(stateJson);
            dir.truncateMetricsAfter(state.iteration);
            LOG.info("Resuming {} at iteration {} (epoch {}, batch {})", dir.path(), state.iteration, state.epoch,
                    state.batchInEpoch);
            try {
                return train(graph, state);
            } finally {
                graph.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private RunResult train(ComputationGraph graph, TrainerState s) {
        var train = config.train();
        ImageBatches batches = data.trainBatches(train.batchSize(), train.seed());
        ImageBatches validation = data.validationBatches(train.testBatchSize());
        LearningRate lr = new LearningRate(config.optimizer().lr(), config.scheduler(), graph, s);
        batches.startAt(s.epoch, s.batchInEpoch);
        phases.enter("train");
        progress.start(config.runName(), train.maxIter(), s.iteration);
        String divergence = null;
        try {
            while (s.iteration < train.maxIter()) {
                if (!batches.hasNext()) {
                    s.epoch++;
                    s.batchInEpoch = 0;
                    batches.startAt(s.epoch, 0);
                }
                DataSet batch = batches.next();
                s.batchInEpoch++;
                double rate = lr.at(s.iteration, s);
                boolean logNow = (s.iteration + 1) % train.logFreq() == 0 || s.iteration + 1 == train.maxIter();
                // training accuracy from the forward pass before the step, as the authors' loop reports it
                double trainAccuracy = logNow ? Evaluator.trainingModeAccuracy(graph, batch) : Double.NaN;
                long t0 = System.nanoTime();
                try {
                    graph.fit(batch);
                } catch (NonFiniteGradientException e) {
                    divergence = "non-finite gradient at iteration " + (s.iteration + 1) + ": " + e.getMessage();
                    break;
                }
                double stepMs = (System.nanoTime() - t0) / 1e6;
                double loss = graph.score();
                s.iteration++;
                s.trainSeconds += stepMs / 1000;
                if (!Double.isFinite(loss)) {
                    divergence = "training loss " + loss + " at iteration " + s.iteration;
                    break;
                }
                s.lossSum += loss;
                s.msSum += stepMs;
                s.count++;
                Map<String, Object> line = new LinkedHashMap<>();
                if (logNow) {
                    line.put("train_loss", s.lossSum / s.count);
                    line.put("train_accuracy", trainAccuracy);
                    line.put("lr", rate);
                    line.put("step_ms", s.msSum / s.count);
                    s.lossSum = 0;
                    s.msSum = 0;
                    s.count = 0;
                    progress.step(s.iteration, loss, rate);
                }
                if (validation != null && train.valFreq() > 0 && s.iteration % train.valFreq() == 0) {
                    double valLoss = validationLoss(graph, validation, s);
                    line.put("val_loss", valLoss);
                    lr.observeValidationLoss(valLoss, s);
                }
                if (train.optimizerLogFreq() > 0 && s.iteration % train.optimizerLogFreq() == 0) {
                    ImplicitMomentum.Stats beta = ImplicitMomentum.of(graph);
                    if (beta != null) {
                        line.put("beta1_median", beta.median());
                        line.put("beta1_mean", beta.mean());
                    }
                }
                if (train.evalTestFreq() > 0 && s.iteration % train.evalTestFreq() == 0 && s.iteration < train.maxIter()) {
                    testInto(graph, line, s);
                }
                if (!line.isEmpty()) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("iteration", s.iteration);
                    record.put("epoch", s.epoch);
                    record.putAll(line);
                    dir.appendMetrics(record);
                }
                if (train.saveFreq() > 0 && s.iteration % train.saveFreq() == 0 && s.iteration < train.maxIter()) {
                    checkpoint(graph, s);
                }
            }
        } finally {
            batches.close();
            if (validation != null) {
                validation.close();
            }
            progress.close();
        }
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("iteration", s.iteration);
        last.put("epoch", s.epoch);
        double testLoss = Double.NaN;
        double testAccuracy = Double.NaN;
        if (divergence == null) {
            phases.enter("evaluate");
            Evaluator.Scores test = testInto(graph, last, s);
            testLoss = test.loss();
            testAccuracy = test.accuracy();
            checkpoint(graph, s);
            writeBetaHistogram(graph);
        } else {
            LOG.warn("Run diverged: {}", divergence);
            last.put("diverged", divergence);
        }
        dir.appendMetrics(last);
        RunResult result = new RunResult(config.experiment(), config.dataset().name(), modelSpec().name(),
                config.optimizer().name(), train.seed(), s.iteration, testAccuracy, testLoss, divergence != null,
                divergence, medianStepMs(), s.trainSeconds, s.timeToTarget(), dir.path().toString(), runtime);
        try {
            dir.writeAtomically(RunDirectory.RESULT, Json.PRETTY.writeValueAsBytes(result.asMap()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private Evaluator.Scores testInto(ComputationGraph graph, Map<String, Object> line, TrainerState s) {
        try (ImageBatches test = data.testBatches(config.train().testBatchSize())) {
            Evaluator.Scores scores = Evaluator.evaluate(graph, test);
            line.put("test_loss", scores.loss());
            line.put("test_accuracy", scores.accuracy());
            Double target = config.train().targetAccuracy();
            if (target != null && s.targetIteration < 0 && scores.accuracy() >= target) {
                s.targetIteration = s.iteration;
                s.targetSeconds = s.trainSeconds;
            }
            return scores;
        }
    }

    /** Loss of the next validation batch (cycling through the held-out images in order). */
    private static double validationLoss(ComputationGraph graph, ImageBatches validation, TrainerState s) {
        validation.startAt(0, s.validationBatch % validation.batchesPerEpoch());
        s.validationBatch++;
        return Evaluator.batch(graph, validation.next()).loss();
    }

    private void checkpoint(ComputationGraph graph, TrainerState s) {
        Path tmp = dir.file(RunDirectory.CHECKPOINT + ".tmp");
        try {
            ModelSerializer.writeModel(graph, tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), STATE_ENTRY, s.toJson());
            RunDirectory.moveAtomically(tmp, dir.file(RunDirectory.CHECKPOINT));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint " + tmp + ": " + e.getMessage(), e);
        }
    }

    /** VSGD's final β1 distribution (50 bins over [0, 1]) for the reports; nothing for other optimizers. */
    private void writeBetaHistogram(ComputationGraph graph) {
        ImplicitMomentum.Stats beta = ImplicitMomentum.of(graph);
        if (beta == null) {
            return;
        }
        long[] counts = new long[50];
        for (float v : beta.sample()) {
            counts[Math.min(49, Math.max(0, (int) (v * 50)))]++;
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("bins", 50);
        h.put("counts", counts);
        h.put("median", beta.median());
        h.put("mean", beta.mean());
        h.put("sampled", beta.sample().length);
        try {
            dir.writeAtomically(RunDirectory.BETA1, Json.PRETTY.writeValueAsBytes(h));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Median over the logged intervals of the mean training-step time. */
    private double medianStepMs() {
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
