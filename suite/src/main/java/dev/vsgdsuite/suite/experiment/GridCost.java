package dev.vsgdsuite.suite.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.config.LrSource;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.config.TuningPlan;

/**
 * What a profile's grid costs in training iterations, and in GPU-hours once the time of one
 * iteration is known per experiment: the runs (experiment × optimizer × seed, each
 * {@code train.max_iter} iterations), a learning-rate tuning of every optimizer before them, and
 * the fewest {@link Grid#shard} parts whose longest fits a runner's time limit. Iterations come
 * from the resolved configs; evaluation passes (validation, test) are not counted.
 */
public final class GridCost {

    /**
     * The iterations a learning-rate search of every optimizer of an experiment costs, as {@code plan}
     * declares it: per optimizer its grid's size × the seeds × the experiment's budget (before any
     * extension of a grid whose winner sits at an end).
     */
    static long tuningIterations(TuningPlan plan, String experiment, List<String> optimizers, int maxIter) {
        long budget = plan.budget(experiment, "configs/" + TuningPlan.FILE).iterations(maxIter);
        return optimizers.stream().mapToLong(o -> (long) plan.grid(o, "configs/" + TuningPlan.FILE).values().size()
                * plan.seeds().size() * budget).sum();
    }

    /**
     * One experiment's share.
     *
     * @param secondsPerIter the time of one training iteration, or null when not given
     */
    public record Row(String experiment, int batchSize, int maxIter, int optimizers, int seeds, int runs,
                      long trainingIterations, long tuningIterations, Double secondsPerIter) {

        /** GPU-hours of the runs, or null without a time per iteration. */
        public Double gridHours() {
            return secondsPerIter == null ? null : trainingIterations * secondsPerIter / 3600;
        }

        /** GPU-hours of the tuning, or null without a time per iteration. */
        public Double tuningHours() {
            return secondsPerIter == null ? null : tuningIterations * secondsPerIter / 3600;
        }
    }

    private final List<Invocation> grid;
    private final Map<String, RunConfig> configs = new LinkedHashMap<>();

    /** The cost of {@code grid} (a profile's runs), each run's config resolved once per experiment and optimizer. */
    public GridCost(List<Invocation> grid) {
        this.grid = List.copyOf(grid);
        for (Invocation inv : grid) {
            // What a run costs does not depend on its learning rate: an untuned grid can be priced too.
            configs.computeIfAbsent(inv.experiment() + "\u0000" + inv.optimizer(), k -> Experiment.resolve(
                    inv.arguments().stream().map(a -> a.startsWith(ConfigLoader.LR + "=") ? ConfigLoader.LR + "="
                            + LrSource.CONFIG.yamlName() : a).toList()));
        }
    }

    private RunConfig config(Invocation inv) {
        return configs.get(inv.experiment() + "\u0000" + inv.optimizer());
    }

    /** Per experiment, in grid order; {@code secondsPerIter} maps an experiment to its time per iteration. */
    public List<Row> rows(TuningPlan tuning, Map<String, Double> secondsPerIter) {
        Map<String, List<Invocation>> byExperiment = new LinkedHashMap<>();
        grid.forEach(inv -> byExperiment.computeIfAbsent(inv.experiment(), e -> new ArrayList<>()).add(inv));
        List<Row> rows = new ArrayList<>();
        byExperiment.forEach((experiment, runs) -> {
            RunConfig first = config(runs.get(0));
            List<String> names = runs.stream().map(Invocation::optimizer).distinct().toList();
            int optimizers = names.size();
            int seeds = (int) runs.stream().map(Invocation::seed).distinct().count();
            long iterations = runs.stream().mapToLong(inv -> config(inv).train().maxIter()).sum();
            rows.add(new Row(experiment, first.train().batchSize(), first.train().maxIter(), optimizers, seeds,
                    runs.size(), iterations, tuningIterations(tuning, experiment, names, first.train().maxIter()),
                    secondsPerIter.get(experiment)));
        });
        return rows;
    }

    /**
     * The hours of the longest of {@code n} shards ({@link Grid#shard}), with every experiment's time
     * per iteration in {@code secondsPerIter}.
     */
    public double longestShardHours(int n, Map<String, Double> secondsPerIter) {
        double longest = 0;
        for (String spec : Shards.specs(grid.size(), n)) {
            double hours = 0;
            for (Invocation inv : Shards.part(grid, spec)) {
                hours += config(inv).train().maxIter() * seconds(inv.experiment(), secondsPerIter) / 3600;
            }
            longest = Math.max(longest, hours);
        }
        return longest;
    }

    /** The training iterations of the longest of {@code n} shards ({@link Grid#shard}). */
    public long longestShardIterations(int n) {
        long longest = 0;
        for (String spec : Shards.specs(grid.size(), n)) {
            longest = Math.max(longest, Shards.part(grid, spec).stream()
                    .mapToLong(inv -> config(inv).train().maxIter()).sum());
        }
        return longest;
    }

    /** The fewest shards whose longest takes at most {@code budgetHours}; empty when one run alone takes longer. */
    public OptionalInt shardsWithin(double budgetHours, Map<String, Double> secondsPerIter) {
        for (int n = 1; n <= grid.size(); n++) {
            if (longestShardHours(n, secondsPerIter) <= budgetHours) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    private static double seconds(String experiment, Map<String, Double> secondsPerIter) {
        Double s = secondsPerIter.get(experiment);
        if (s == null) {
            throw new IllegalArgumentException("no time per iteration for " + experiment + "; give one for every "
                    + "experiment (EXPERIMENT=SECONDS) or one for all");
        }
        return s;
    }

    /**
     * Seconds per iteration from {@code spec}: one number for every experiment, or
     * {@code EXPERIMENT=SECONDS,…}. Null or blank: none.
     */
    public static Map<String, Double> parseSecondsPerIter(String spec, List<String> experiments) {
        Map<String, Double> out = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        try {
            if (!spec.contains("=")) {
                double s = positive(Double.parseDouble(spec.trim()), spec);
                experiments.forEach(e -> out.put(e, s));
                return out;
            }
            for (String part : spec.split(",")) {
                String[] kv = part.split("=", 2);
                String experiment = kv[0].trim();
                if (!experiments.contains(experiment)) {
                    throw new IllegalArgumentException("--seconds-per-iter names " + experiment
                            + ", which is not an experiment of the grid " + experiments);
                }
                out.put(experiment, positive(Double.parseDouble(kv[1].trim()), part));
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--seconds-per-iter " + spec + " is not SECONDS or EXPERIMENT=SECONDS,…");
        }
        return out;
    }

    private static double positive(double s, String spec) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("--seconds-per-iter " + spec + ": a time must be positive");
        }
        return s;
    }
}
