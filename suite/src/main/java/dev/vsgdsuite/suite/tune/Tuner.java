package dev.vsgdsuite.suite.tune;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import dev.vsgdsuite.suite.experiment.RunOptions;
import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.config.TunedOverlay;
import dev.vsgdsuite.suite.config.TuningPlan;
import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.data.Datasets;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.report.RunRecord;
import dev.vsgdsuite.suite.runtime.GitCommit;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.train.Phases;
import dev.vsgdsuite.suite.train.Progress;
import dev.vsgdsuite.suite.train.RunDirectory;
import dev.vsgdsuite.suite.train.RunResult;
import dev.vsgdsuite.suite.train.TrajectoryKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses one optimizer's learning rate for one experiment on a validation split carved from the
 * training images ({@link Datasets#forTuning}; the test set is never read): every learning rate of
 * the plan's grid trains for the budget with each seed; the highest mean final validation accuracy
 * wins, a diverged seed counting 0. A winner at an end of the grid grows the grid that way, one step
 * at a time, up to the plan's cap.
 */
public final class Tuner {

    private static final Logger LOG = LoggerFactory.getLogger(Tuner.class);

    /**
     * One search.
     *
     * @param experiment the experiment
     * @param optimizer  the optimizer whose learning rate is chosen
     * @param overrides  further {@code key=value} arguments of every trial (e.g. {@code dataset=...})
     * @param plan       grid, budget, seeds, split
     * @param reports    where the trials' run folders and the result go ({@code reports/tuning})
     * @param overlay    the overlay file to write the winner into ({@code configs/tuned/E.yaml}), or null for none
     * @param command    the command line, recorded in the provenance
     */
    public record Request(String experiment, String optimizer, List<String> overrides, TuningPlan plan, Path reports,
                          Path overlay, String command) {}

    private Tuner() {}

    /** Runs the search and writes its result (and the overlay, when asked). */
    public static TuningResult tune(Request r, Progress progress) {
        for (String o : r.overrides()) {
            if (o.startsWith("optimizer.lr=") || o.startsWith(ConfigLoader.LR + "=") || o.startsWith("train.seed=")
                    || o.startsWith("train.max_iter=") || o.startsWith("config=")) {
                throw new ConfigException("tune chooses the learning rate, seeds and budget itself: leave out '" + o
                        + "' (configs/tuning.yaml or tune.KEY=VALUE set the grid, seeds and budget)");
            }
        }
        String commit = GitCommit.current();   // the code the trials run, before anyone edits the tree
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        RunConfig base = Experiment.resolve(arguments(r, List.of()));
        TuningPlan.Budget budget = r.plan().budget(r.experiment(), "configs/" + TuningPlan.FILE);
        TuningPlan.LearningRateGrid grid = r.plan().grid(r.optimizer(), "configs/" + TuningPlan.FILE);
        long iterations = budget.iterations(base.train().maxIter());
        DataModule data;
        try {
            data = Datasets.forTuning(base.dataset().name(), Experiment.datasetFolder(base), budget.split());
        } catch (IllegalArgumentException e) {
            // blame where the split came from: the command line's tune.split=N, else configs/tuning.yaml
            String from = r.command().contains(" tune.split=") ? "tune.split=" + budget.split() + " (command line)"
                    : "configs/" + TuningPlan.FILE + ": experiments." + r.experiment() + ".split";
            throw new ConfigException(from + ": " + e.getMessage() + " (pass another tune.split=N)", e);
        }
        // one folder per validation split: the split decides the data but is not a key of a run's config
        Path runs = r.reports().resolve("runs").resolve(r.experiment() + "-" + r.optimizer() + "-split" + budget.split());
        LOG.info("Tuning {} for {}: grid {}, {} iterations per trial, seeds {}, validation split {} of {} training images",
                r.optimizer(), r.experiment(), grid.values(), iterations, r.plan().seeds(), budget.split(),
                data.train().size() + budget.split());

        TreeMap<Double, TuningResult.Trial> trials = new TreeMap<>();
        for (double lr : grid.values()) {
            trials.put(lr, trial(r, lr, iterations, budget.evalEvery(), data, runs, progress));
        }
        int extended = 0;
        String note = null;
        while (true) {
            double best = winner(trials);
            int direction = best == trials.firstKey() ? -1 : best == trials.lastKey() ? 1 : 0;
            if (direction == 0) {
                break;
            }
            if (extended == r.plan().extendMax()) {
                note = "the best learning rate " + best + " sits at the " + (direction < 0 ? "low" : "high")
                        + " end of the grid after " + extended + " extension(s) (extend_max); the optimum may lie beyond";
                break;
            }
            double next = grid.shifted(best, direction);
            LOG.info("The best learning rate {} sits at an end of the grid: trying {}", best, next);
            trials.put(next, trial(r, next, iterations, budget.evalEvery(), data, runs, progress));
            extended++;
            note = "the grid grew " + extended + " step(s) " + (direction < 0 ? "down" : "up")
                    + " because the best learning rate sat at its end";
        }
        double lr = winner(trials);
        TuningResult.Trial won = trials.get(lr);
        if (won.validationAccuracy() <= 0 && won.diverged()) {
            throw new ConfigException("every learning rate of " + r.optimizer() + " on " + r.experiment()
                    + " diverged (grid " + trials.keySet() + "); lower the grid in configs/" + TuningPlan.FILE);
        }
        TunedOverlay.Provenance how = new TunedOverlay.Provenance(base.dataset().name(), List.copyOf(trials.keySet()),
                extended, iterations, r.plan().seeds(), budget.split(), r.plan().metric(), won.validationAccuracy(),
                commit, date, r.command());
        TuningResult result = new TuningResult(r.experiment(), r.optimizer(), lr, how, data.train().size(),
                List.copyOf(trials.values()), note);
        Path file = result.write(r.reports());
        LOG.info("{} on {}: learning rate {} (validation accuracy {}); {}", r.optimizer(), r.experiment(), lr,
                won.validationAccuracy(), file);
        if (r.overlay() != null) {
            writeOverlay(result, r.overlay());
        }
        return result;
    }

    /** Puts {@code result}'s winner into the overlay {@code file}, keeping the other optimizers' entries. */
    public static void writeOverlay(TuningResult result, Path file) {
        TunedOverlay.record(file, result.experiment(), result.optimizer(), result.lr(), result.how());
        LOG.info("Wrote {} ({}: lr {}); commit it so that lr=tuned runs use it", file, result.optimizer(), result.lr());
    }

    /** The learning rate with the highest mean validation accuracy; the smaller one on a tie. */
    static double winner(TreeMap<Double, TuningResult.Trial> trials) {
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (TuningResult.Trial t : trials.values()) {
            if (t.validationAccuracy() > bestScore) {
                bestScore = t.validationAccuracy();
                best = t.lr();
            }
        }
        return Double.isNaN(best) ? trials.firstKey() : best;
    }

    private static TuningResult.Trial trial(Request r, double lr, long iterations, int evalEvery, DataModule data,
                                            Path runs, Progress progress) {
        List<TuningResult.SeedRun> seeds = new ArrayList<>();
        double sum = 0;
        boolean anyDiverged = false;
        for (long seed : r.plan().seeds()) {
            RunConfig config = Experiment.resolve(arguments(r, List.of("optimizer.lr=" + lr, "train.seed=" + seed,
                    "train.max_iter=" + iterations, "train.eval_test_freq=" + Math.min(evalEvery, iterations),
                    "train.save_freq=0", "train.val_freq=0", "train.target_accuracy=null")));
            RunResult run = finished(runs, config);
            if (run == null) {
                LOG.info("Trial lr {} seed {}", lr, seed);
                run = Experiment.run(config, runs, RunOptions.of(progress).data(data));
            } else {
                LOG.info("Trial lr {} seed {}: finished before in {}, not run again", lr, seed, run.runDir());
            }
            boolean diverged = run.diverged() || !Double.isFinite(run.testAccuracy());
            double accuracy = diverged ? 0 : run.testAccuracy();
            double[][] xy = RunRecord.read(Path.of(run.runDir())).series("test_accuracy");
            List<double[]> curve = new ArrayList<>();
            for (int i = 0; i < xy[0].length; i++) {
                curve.add(new double[] {xy[0][i], xy[1][i]});
            }
            seeds.add(new TuningResult.SeedRun(seed, accuracy, diverged, curve, run.runDir()));
            sum += accuracy;
            anyDiverged |= diverged;
        }
        return new TuningResult.Trial(lr, sum / seeds.size(), anyDiverged, seeds);
    }

    /**
     * A finished trial run under {@code runs} whose config has {@code config}'s trajectory keys, or null:
     * an interrupted search continues where it stopped (the rule is deterministic on the same code;
     * delete the folder to search afresh after a change of code).
     */
    static RunResult finished(Path runs, RunConfig config) {
        java.util.SortedMap<String, String> keys = TrajectoryKeys.of(config);
        for (RunRecord done : RunRecord.scan(runs).runs()) {
            Path file = done.dir().resolve(RunDirectory.CONFIG);
            if (java.nio.file.Files.exists(file) && TrajectoryKeys.of(RunConfig.read(file)).equals(keys)) {
                return done.outcome();
            }
        }
        return null;
    }

    private static List<String> arguments(Request r, List<String> trial) {
        List<String> args = new ArrayList<>(List.of("experiment=" + r.experiment(), "optimizer=" + r.optimizer()));
        args.addAll(r.overrides());
        args.addAll(trial);
        return args;
    }
}
