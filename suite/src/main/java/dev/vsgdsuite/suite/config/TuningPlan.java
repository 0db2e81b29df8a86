package dev.vsgdsuite.suite.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.StrictYaml;

/**
 * What a learning-rate search runs, as {@code configs/tuning.yaml} declares it: per optimizer a
 * log-spaced grid, per experiment a budget and a validation split, and the seeds, metric and how far
 * a grid may grow when its winner sits at an end. Read strictly: an unknown key or a missing value
 * fails naming the file.
 *
 * @param metric    what ranks the learning rates; only {@value #METRIC}
 * @param seeds     the seeds each learning rate runs with (the mean ranks it)
 * @param extendMax how many steps a grid may grow past an end its winner sits at
 * @param grids     per optimizer name, its grid
 * @param experiments per experiment name, its budget and split
 */
public record TuningPlan(String metric, List<Long> seeds, @JsonProperty("extend_max") int extendMax,
                         Map<String, LearningRateGrid> grids, Map<String, Budget> experiments) {

    public static final String FILE = "tuning.yaml";
    public static final String METRIC = "validation_accuracy";

    /**
     * Learning rates from {@code from} to {@code to}, {@code perDecade} per decade, log-spaced.
     *
     * @param perDecade values per decade: 2 gives half-decades (1e-4, 3.16e-4, 1e-3, …)
     */
    public record LearningRateGrid(double from, double to, @JsonProperty("per_decade") int perDecade) {

        /** The grid's learning rates, ascending; each is 10^(k / perDecade) for a whole k. */
        public List<Double> values() {
            List<Double> out = new ArrayList<>();
            for (long k = step(from); k <= step(to); k++) {
                out.add(at(k));
            }
            return out;
        }

        /** The learning rate {@code steps} grid steps from {@code lr} (negative: smaller). */
        public double shifted(double lr, int steps) {
            return at(step(lr) + steps);
        }

        private long step(double lr) {
            return Math.round(Math.log10(lr) * perDecade);
        }

        private double at(long k) {
            // Rounded to 4 significant digits so that a value reads the same in YAML, JSON and names.
            return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4g", Math.pow(10, (double) k / perDecade)));
        }
    }

    /**
     * One experiment's tuning budget.
     *
     * @param budgetIterations iterations per trial, or null to use {@code budgetFraction}
     * @param budgetFraction   the fraction of the experiment's {@code train.max_iter} per trial, or null
     * @param split            training images held out as the validation split
     * @param evalEvery        validation accuracy every this many iterations (the curve), and at the end
     */
    public record Budget(@JsonProperty("budget_iterations") Long budgetIterations,
                         @JsonProperty("budget_fraction") Double budgetFraction, int split,
                         @JsonProperty("eval_every") int evalEvery) {

        /** Iterations per trial for an experiment of {@code maxIter} iterations. */
        public long iterations(long maxIter) {
            return budgetIterations != null ? budgetIterations : Math.max(1, Math.round(budgetFraction * maxIter));
        }
    }

    /** The project's {@code configs/tuning.yaml}. */
    public static TuningPlan load() {
        return read(ProjectPaths.configs().resolve(FILE));
    }

    /** The plan in {@code file}, checked. */
    public static TuningPlan read(Path file) {
        TuningPlan plan = StrictYaml.read(file, TuningPlan.class, "tuning file");
        if (plan == null) {
            throw new ConfigException(file + " is empty; it needs metric, seeds, extend_max, grids and experiments");
        }
        plan.check(file);
        return plan;
    }

    /** The grid of {@code optimizer}. */
    public LearningRateGrid grid(String optimizer, Object origin) {
        LearningRateGrid g = grids.get(optimizer);
        if (g == null) {
            throw new ConfigException(origin + ": grids has no entry for optimizer " + optimizer + "; add one (it has "
                    + grids.keySet() + ")");
        }
        return g;
    }

    /** The budget of {@code experiment}. */
    public Budget budget(String experiment, Object origin) {
        Budget b = experiments.get(experiment);
        if (b == null) {
            throw new ConfigException(origin + ": experiments has no entry for " + experiment + "; add one with "
                    + "budget_iterations or budget_fraction, split and eval_every (it has " + experiments.keySet() + ")");
        }
        return b;
    }

    /** This plan with every {@code KEY=VALUE} of {@code keyValues} (the command line's {@code tune.KEY=VALUE}, prefix dropped) applied in order. */
    public TuningPlan with(List<String> keyValues, String optimizer, String experiment) {
        TuningPlan plan = this;
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("tune." + kv + " is not tune.KEY=VALUE");
            }
            plan = plan.with(kv.substring(0, eq), kv.substring(eq + 1), optimizer, experiment);
        }
        return plan;
    }

    /** This plan with a key of the command line ({@code tune.KEY=VALUE}) applied for {@code optimizer} and {@code experiment}. */
    public TuningPlan with(String key, String value, String optimizer, String experiment) {
        Budget b = budget(experiment, "configs/" + FILE);
        LearningRateGrid g = grid(optimizer, "configs/" + FILE);
        Map<String, LearningRateGrid> newGrids = new java.util.TreeMap<>(grids);
        Map<String, Budget> newBudgets = new java.util.TreeMap<>(experiments);
        TuningPlan out;
        try {
            switch (key) {
                case "grid" -> {
                    String[] ends = value.split(":");
                    if (ends.length != 2) {
                        throw new NumberFormatException();
                    }
                    newGrids.put(optimizer, new LearningRateGrid(Double.parseDouble(ends[0]), Double.parseDouble(ends[1]), g.perDecade()));
                }
                case "per_decade" -> newGrids.put(optimizer, new LearningRateGrid(g.from(), g.to(), Integer.parseInt(value)));
                case "budget_iterations" -> newBudgets.put(experiment,
                        new Budget(Long.parseLong(value), null, b.split(), b.evalEvery()));
                case "split" -> newBudgets.put(experiment,
                        new Budget(b.budgetIterations(), b.budgetFraction(), Integer.parseInt(value), b.evalEvery()));
                case "eval_every" -> newBudgets.put(experiment,
                        new Budget(b.budgetIterations(), b.budgetFraction(), b.split(), Integer.parseInt(value)));
                case "seeds" -> {
                    List<Long> s = new ArrayList<>();
                    for (String part : value.split(",")) {
                        s.add(Long.parseLong(part.trim()));
                    }
                    return new TuningPlan(metric, s, extendMax, grids, experiments).checked("tune.seeds=" + value);
                }
                case "extend_max" -> {
                    return new TuningPlan(metric, seeds, Integer.parseInt(value), grids, experiments)
                            .checked("tune.extend_max=" + value);
                }
                default -> throw new ConfigException("tune." + key + " is not a tuning key; valid: tune.grid=FROM:TO, "
                        + "tune.per_decade, tune.budget_iterations, tune.split, tune.eval_every, tune.seeds=0,1, "
                        + "tune.extend_max");
            }
            out = new TuningPlan(metric, seeds, extendMax, newGrids, newBudgets);
        } catch (NumberFormatException e) {
            throw new ConfigException("tune." + key + "=" + value + " is not a valid value (tune.grid takes FROM:TO, "
                    + "e.g. 1e-3:1e-1; tune.seeds a list, e.g. 0,1; the others a whole number)");
        }
        return out.checked("tune." + key + "=" + value);
    }

    private TuningPlan checked(Object origin) {
        check(origin);
        return this;
    }

    private void check(Object origin) {
        if (!METRIC.equals(metric)) {
            throw new ConfigException(origin + ": metric = " + metric + " is not supported; use " + METRIC);
        }
        if (seeds == null || seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
            throw new ConfigException(origin + ": seeds must list at least one seed, each once");
        }
        if (extendMax < 0) {
            throw new ConfigException(origin + ": extend_max = " + extendMax + " must be >= 0");
        }
        if (grids == null || experiments == null) {
            throw new ConfigException(origin + ": both grids and experiments are required");
        }
        grids.forEach((name, g) -> {
            OptimizerConfig.type(name);   // an unknown optimizer fails here, listing the known ones
            if (g == null || !(g.from() > 0) || !(g.to() >= g.from()) || !Double.isFinite(g.to()) || g.perDecade() < 1) {
                throw new ConfigException(origin + ": grids." + name + " = " + g + " must have 0 < from <= to and "
                        + "per_decade >= 1");
            }
        });
        experiments.forEach((name, b) -> {
            boolean iterations = b != null && b.budgetIterations() != null;
            boolean fraction = b != null && b.budgetFraction() != null;
            if (b == null || iterations == fraction) {
                throw new ConfigException(origin + ": experiments." + name + " needs exactly one of budget_iterations "
                        + "and budget_fraction");
            }
            if ((iterations && b.budgetIterations() < 1) || (fraction && !(b.budgetFraction() > 0 && b.budgetFraction() <= 1))
                    || b.split() < 1 || b.evalEvery() < 1) {
                throw new ConfigException(origin + ": experiments." + name + " = " + b + ": budget_iterations >= 1, "
                        + "budget_fraction in (0, 1], split >= 1 and eval_every >= 1");
            }
        });
    }
}
