package dev.vsgdsuite.suite.device;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.vsgdsuite.suite.experiment.RunOptions;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import dev.vsgdsuite.suite.train.Progress;
import dev.vsgdsuite.suite.train.RunDirectory;
import dev.vsgdsuite.suite.train.RunResult;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The trainer loop and a checkpoint on this backend: a short run of the real trainer on the shipped
 * CIFAR-100 fixture (evaluation, metrics, a checkpoint written), then a network saved with its
 * optimizer state after two iterations, restored and trained two more, against four straight. On the
 * CPU the two must be bit-identical (as {@code ResumeAfterKillTest} proves for runs); on a GPU, whose
 * reductions may run in another order each time, within {@link #GPU_TOLERANCE} relative L2.
 *
 * @param lines    what was checked, for the report
 * @param failures what did not hold
 */
public record CheckpointOnDevice(List<String> lines, List<String> failures) {

    public static final double GPU_TOLERANCE = 1e-6;

    /** Runs both checks with VSGD (whose state holds a step count per block) on {@code experiment}'s network. */
    public static CheckpointOnDevice run(String experiment, boolean gpu) {
        List<String> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            Path tmp = Files.createTempDirectory("gpu-check");
            trainerLoop(tmp, lines, failures);
            saveRestoreContinue(experiment, gpu, tmp, lines, failures);
        } catch (Exception | OutOfMemoryError | LinkageError e) {
            failures.add("checkpoint: " + DeviceReport.rootMessage(e));
        }
        return new CheckpointOnDevice(lines, failures);
    }

    private static void trainerLoop(Path tmp, List<String> lines, List<String> failures) {
        RunConfig c = Experiment.resolve(List.of("experiment=cifar100_convmixer", "dataset=cifar100_fixture",
                "model.dim=16", "model.depth=2", "optimizer=vsgd", "train.batch_size=16", "train.test_batch_size=64",
                "train.max_iter=6", "train.save_freq=3", "train.log_freq=1", "train.val_freq=3", "train.eval_test_freq=0",
                "train.optimizer_log_freq=3"));
        RunResult r = Experiment.run(c, tmp.resolve("runs"), RunOptions.quiet());
        RunDirectory dir = RunDirectory.existing(Path.of(r.runDir()));
        boolean ok = !r.diverged() && r.iterations() == 6 && Files.exists(dir.file(RunDirectory.CHECKPOINT))
                && Double.isFinite(r.testAccuracy()) && dir.readMetrics().size() >= 6;
        lines.add(String.format(Locale.ROOT, "trainer loop: %d iterations on the CIFAR-100 fixture, checkpoint %s, "
                + "test accuracy %.3f", r.iterations(), Files.exists(dir.file(RunDirectory.CHECKPOINT)) ? "written" : "MISSING",
                r.testAccuracy()));
        if (!ok) {
            failures.add("trainer loop: " + (r.diverged() ? "diverged: " + r.divergence() : "incomplete run in " + r.runDir()));
        }
    }

    private static void saveRestoreContinue(String experiment, boolean gpu, Path tmp, List<String> lines,
                                            List<String> failures) throws Exception {
        RunConfig c = Experiment.resolve(List.of("experiment=" + experiment, "optimizer=vsgd"));
        ModelSpec spec = Experiment.network(c);
        DataSet batch = NetworkCheck.seededBatch(spec, NetworkCheck.BATCH, c.train().seed());
        ComputationGraph straight = build(c, spec);
        ComputationGraph interrupted = build(c, spec);
        ComputationGraph restored = null;
        try {
            for (int i = 0; i < 2; i++) {
                straight.fit(batch);
                interrupted.fit(batch);
            }
            File file = tmp.resolve("checkpoint.zip").toFile();
            ModelSerializer.writeModel(interrupted, file, true);
            restored = Networks.restore(file, true);   // as the trainer restores: with the fast layers
            for (int i = 0; i < 2; i++) {
                straight.fit(batch);
                restored.fit(batch);
            }
            double rel = restored.params().distance2(straight.params()) / Math.max(1e-30, straight.params().norm2Number().doubleValue());
            double stateRel = restored.getUpdater().getStateViewArray().distance2(straight.getUpdater().getStateViewArray())
                    / Math.max(1e-30, straight.getUpdater().getStateViewArray().norm2Number().doubleValue());
            lines.add(String.format(Locale.ROOT, "checkpoint: %s (VSGD) saved after 2 iterations, restored, 2 more: "
                    + "parameters %s, optimizer state %s", spec.name(), describe(rel), describe(stateRel)));
            double bound = gpu ? GPU_TOLERANCE : 0;
            if (!(rel <= bound) || !(stateRel <= bound)) {
                failures.add(String.format(Locale.ROOT, "checkpoint: restored and continued off the straight run by %.3g "
                        + "(parameters) and %.3g (state), relative L2; allowed %s", rel, stateRel,
                        gpu ? String.valueOf(GPU_TOLERANCE) : "0 on the CPU"));
            }
        } finally {
            straight.close();
            interrupted.close();
            if (restored != null) {
                restored.close();
            }
        }
    }

    private static ComputationGraph build(RunConfig c, ModelSpec spec) {
        return Networks.build(spec, c.train().seed(), conf -> Optimizers.configure(conf, c.optimizer(), c.scheduler()));
    }

    private static String describe(double rel) {
        return rel == 0 ? "bit-identical" : String.format(Locale.ROOT, "off by %.3g relative L2", rel);
    }
}
