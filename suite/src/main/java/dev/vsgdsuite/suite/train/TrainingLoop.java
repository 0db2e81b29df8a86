package dev.vsgdsuite.suite.train;

import dev.vsgdsuite.suite.config.TrainConfig;
import dev.vsgdsuite.suite.data.ImageBatches;
import dev.vsgdsuite.suite.runtime.ResidentLimit;
import dev.vsgdsuite.vsgd.NonFiniteGradientException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The iterations of one run, from where its {@link TrainerState} is to {@code max_iter}: one batch
 * and one step each, the learning rate stepped every iteration, then whatever the
 * {@link EvaluationSchedule} says is due; the process's resident memory is kept under its limit after
 * each step ({@link ResidentLimit}). A non-finite loss or gradient ends it; the iteration that
 * met it is not counted, so every optimizer records the same count for the same divergence.
 */
final class TrainingLoop {

    private final TrainConfig train;
    private final ComputationGraph graph;
    private final TrainerState s;
    private final LearningRate lr;
    private final EvaluationSchedule due;
    private final Evaluations evaluations;
    private final MetricsRecorder metrics;
    private final Checkpointer checkpoints;
    private final Progress progress;
    private final ResidentLimit memory = ResidentLimit.configured();

    TrainingLoop(TrainConfig train, ComputationGraph graph, TrainerState s, LearningRate lr, Evaluations evaluations,
                 MetricsRecorder metrics, Checkpointer checkpoints, Progress progress) {
        this.train = train;
        this.graph = graph;
        this.s = s;
        this.lr = lr;
        this.due = new EvaluationSchedule(train);
        this.evaluations = evaluations;
        this.metrics = metrics;
        this.checkpoints = checkpoints;
        this.progress = progress;
    }

    /** Trains on {@code batches} (positioned at the state's epoch and batch); returns why the run diverged, or null. */
    String run(ImageBatches batches) {
        while (s.iteration < train.maxIter()) {
            if (!batches.hasNext()) {
                s.epoch++;
                s.batchInEpoch = 0;
                batches.startAt(s.epoch, 0);
            }
            DataSet batch = batches.next();
            s.batchInEpoch++;
            double rate = lr.at(s.iteration, s);
            boolean logNow = due.log(s.iteration + 1);
            // training accuracy from the forward pass before the step, as the authors' loop reports it
            double trainAccuracy = logNow ? Evaluator.trainingModeAccuracy(graph, batch) : Double.NaN;
            long t0 = System.nanoTime();
            try {
                graph.fit(batch);
            } catch (NonFiniteGradientException e) {
                return "non-finite gradient at iteration " + (s.iteration + 1) + ": " + e.getMessage();
            }
            memory.check();
            double stepMs = (System.nanoTime() - t0) / 1e6;
            double loss = graph.score();
            s.trainSeconds += stepMs / 1000;
            if (!Double.isFinite(loss)) {
                // not counted, as a step refused on a non-finite gradient is not: iterations are the finite steps
                return "training loss " + loss + " at iteration " + (s.iteration + 1);
            }
            s.iteration++;
            metrics.addStep(s, loss, stepMs);
            MetricsLine line = new MetricsLine(s.iteration, s.epoch);
            if (logNow) {
                metrics.endInterval(s, line, trainAccuracy, rate);
                progress.step(s.iteration, loss, rate);
            }
            measureDue(line);
            metrics.write(line);
            if (due.checkpoint(s.iteration)) {
                checkpoints.save(graph, s);
            }
        }
        return null;
    }

    /** The evaluations due after this iteration, into its metrics line. */
    private void measureDue(MetricsLine line) {
        if (evaluations.hasValidation() && due.validation(s.iteration)) {
            lr.observeValidationLoss(evaluations.validationLoss(s, line), s);
        }
        if (due.beta1(s.iteration)) {
            evaluations.beta1(line);
        }
        if (due.test(s.iteration)) {
            evaluations.test(s, line);
        }
    }
}
