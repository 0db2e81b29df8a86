package dev.vsgdsuite.suite.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsgdsuite.suite.config.TuningPlan;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.experiment.Shards;
import dev.vsgdsuite.suite.experiment.GridCost;
import dev.vsgdsuite.suite.experiment.Invocation;
import dev.vsgdsuite.suite.experiment.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "grid", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Dry run: list (and resolve) the runs of a test profile, optionally one shard of it.",
        description = {"Dry run: list (and resolve) the runs of a test profile, optionally one shard of it.",
                "--matrix N prints the CI matrix of N shards as JSON (the full-paper workflow's plan job);",
                "--cost prints the training and tuning iterations per experiment, and GPU-hours and the shard count "
                        + "that fits --budget-hours once --seconds-per-iter is given."})
final class GridCommand implements Callable<Integer> {

    private static final Pattern SHARD = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    @Option(names = "--profile", defaultValue = "full-paper",
            description = "A profile of configs/profiles.yaml: smoke, demo or full-paper (default ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--shard", paramLabel = "i/n", description = "The i-th of n disjoint parts (as -Dsuite.shard of mvn verify).")
    String shard;

    @Option(names = "--lr", paramLabel = "SOURCE",
            description = "Learning rates: tuned or config (as -Dsuite.lr; default: the profile's).")
    String lr;

    @Option(names = "--seeds", paramLabel = "N|LIST", description = "Other seeds, as -Dsuite.seeds: a count or a list.")
    String seeds;

    @Option(names = "--matrix", paramLabel = "N",
            description = "Print {\"shard\":[\"1/N\",…,\"N/N\"]}, the shards that split the grid, for a CI matrix.")
    Integer matrix;

    @Option(names = "--cost", description = "Print what the grid costs, per experiment (a Markdown table).")
    boolean cost;

    @Option(names = "--seconds-per-iter", paramLabel = "S|EXP=S,…",
            description = "With --cost: seconds per training iteration, one for all or per experiment.")
    String secondsPerIter;

    @Option(names = "--budget-hours", defaultValue = "6", paramLabel = "H",
            description = "With --cost: a runner's time limit per shard, hours (default ${DEFAULT-VALUE}).")
    double budgetHours;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkShard();
        Profile chosen = Profile.load(profile).withSeeds(seeds).withLr(lr);
        List<Invocation> grid = chosen.runs();
        PrintWriter out = spec.commandLine().getOut();
        if (matrix != null) {
            List<String> shards;
            try {
                shards = Shards.specs(grid.size(), matrix);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--matrix " + matrix + ": " + e.getMessage());
            }
            out.println(new ObjectMapper().writeValueAsString(Map.of("shard", shards)));
            out.flush();
            return ExitCode.DONE.code();
        }
        if (cost) {
            printCost(grid, out);
            out.flush();
            return ExitCode.DONE.code();
        }
        chosen.requireTuned();   // listing resolves every run, and a tuned run needs its overlay
        List<Invocation> part = Shards.part(grid, shard);
        for (Invocation inv : part) {
            var c = Experiment.resolve(inv.arguments());   // every invocation must resolve, its network fit its data
            out.printf("%-60s %s, %d iterations, batch %d%n", inv, c.dataset().name(), c.train().maxIter(),
                    c.train().batchSize());
        }
        out.printf("%d of %d runs%s%n", part.size(), grid.size(), shard == null ? "" : " (shard " + shard + ")");
        out.flush();
        return ExitCode.DONE.code();
    }

    private void printCost(List<Invocation> grid, PrintWriter out) {
        GridCost gridCost = new GridCost(grid);
        List<String> experiments = grid.stream().map(Invocation::experiment).distinct().toList();
        Map<String, Double> seconds;
        try {
            seconds = GridCost.parseSecondsPerIter(secondsPerIter, experiments);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TuningPlan tuning = TuningPlan.load();
        List<GridCost.Row> rows = gridCost.rows(tuning, seconds);
        out.println("| experiment | batch | iterations per run | optimizers × seeds | training iterations "
                + "| tuning iterations | s/iter | GPU-h grid | GPU-h tuning |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        long training = 0;
        long tuningTotal = 0;
        double gridHours = 0;
        double tuningHours = 0;
        for (GridCost.Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %d | %,d | %d × %d | %,d | %,d | %s | %s | %s |%n", r.experiment(),
                    r.batchSize(), r.maxIter(), r.optimizers(), r.seeds(), r.trainingIterations(), r.tuningIterations(),
                    r.secondsPerIter() == null ? "t" : String.valueOf(r.secondsPerIter()),
                    hours(r.gridHours(), r.trainingIterations()), hours(r.tuningHours(), r.tuningIterations()));
            training += r.trainingIterations();
            tuningTotal += r.tuningIterations();
            gridHours += r.gridHours() == null ? 0 : r.gridHours();
            tuningHours += r.tuningHours() == null ? 0 : r.tuningHours();
        }
        boolean timed = seconds.size() == experiments.size();
        out.printf(Locale.ROOT, "| all (%d runs) | | | | %,d | %,d | | %s | %s |%n", grid.size(), training, tuningTotal,
                timed ? String.format(Locale.ROOT, "%.1f", gridHours) : "", timed
                        ? String.format(Locale.ROOT, "%.1f", tuningHours) : "");
        out.println("Tuning: as configs/" + TuningPlan.FILE + " plans it, per optimizer its grid's learning rates × "
                + tuning.seeds().size() + " seed(s) × the experiment's budget, before any grid extension.");
        if (!timed) {
            out.println("GPU-h = iterations × t / 3600, t the seconds per training iteration on the GPU "
                    + "(--seconds-per-iter; gpu-check measures it).");
            StringBuilder shards = new StringBuilder("Training iterations of the longest shard:");
            for (int n : new int[] {1, 6, 12, 18, 24, 36, 72}) {
                if (n <= grid.size()) {
                    shards.append(String.format(Locale.ROOT, " %d shards: %,d;", n, gridCost.longestShardIterations(n)));
                }
            }
            out.println(shards.substring(0, shards.length() - 1) + ".");
            return;
        }
        OptionalInt shards = gridCost.shardsWithin(budgetHours, seconds);
        if (shards.isPresent()) {
            out.printf(Locale.ROOT, "Shards within %.1f h each: %d (the longest takes %.1f h).%n", budgetHours,
                    shards.getAsInt(), gridCost.longestShardHours(shards.getAsInt(), seconds));
        } else {
            out.printf(Locale.ROOT, "No shard count fits %.1f h: one run alone takes longer; raise --budget-hours.%n",
                    budgetHours);
        }
    }

    /** Hours to one decimal, or the formula when no time per iteration is known. */
    private static String hours(Double hours, long iterations) {
        return hours == null ? String.format(Locale.ROOT, "%,d·t/3600", iterations)
                : String.format(Locale.ROOT, "%.1f", hours);
    }

    /** The part as the user typed it: i/n with 1 <= i <= n. */
    private void checkShard() {
        if (shard == null) {
            return;
        }
        Matcher m = SHARD.matcher(shard.strip());
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), "--shard " + shard + " is not i/n (e.g. --shard 2/4)");
        }
        long i = Long.parseLong(m.group(1));
        long n = Long.parseLong(m.group(2));
        if (n < 1 || i < 1 || i > n) {
            throw new ParameterException(spec.commandLine(), "--shard " + shard + ": need 1 <= i <= n (e.g. --shard 2/4)");
        }
    }
}
