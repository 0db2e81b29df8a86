package dev.vsgdsuite.suite.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.experiment.Grid;
import dev.vsgdsuite.suite.experiment.Invocation;
import dev.vsgdsuite.suite.experiment.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "grid", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Dry run: list (and resolve) the runs of a test profile, optionally one shard of it.")
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        checkShard();
        Profile chosen = Profile.load(profile).withLr(lr);
        chosen.requireTuned();
        List<Invocation> grid = chosen.runs();
        List<Invocation> part = Grid.shard(grid, shard);
        for (Invocation inv : part) {
            var c = Experiment.resolve(inv.arguments());   // every invocation must resolve, its network fit its data
            System.out.printf("%-60s %s, %d iterations, batch %d%n", inv, c.dataset().name(), c.train().maxIter(),
                    c.train().batchSize());
        }
        System.out.printf("%d of %d runs%s%n", part.size(), grid.size(), shard == null ? "" : " (shard " + shard + ")");
        return 0;
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
