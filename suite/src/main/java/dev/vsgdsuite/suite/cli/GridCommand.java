package dev.vsgdsuite.suite.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.experiment.Grid;
import dev.vsgdsuite.suite.experiment.Invocation;
import dev.vsgdsuite.suite.experiment.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "grid", description = "Dry run: list (and resolve) the runs of a test profile, optionally one shard of it.")
final class GridCommand implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "full-paper",
            description = "A profile of configs/profiles.yaml: smoke, demo or full-paper (default ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--shard", description = "i/n: the i-th of n disjoint parts, as -Dsuite.shard.")
    String shard;

    @Override
    public Integer call() {
        List<Invocation> grid = Profile.load(profile).runs();
        List<Invocation> part = Grid.shard(grid, shard);
        for (Invocation inv : part) {
            var c = Experiment.resolve(inv.arguments());   // every invocation must resolve, its network fit its data
            System.out.printf("%-60s %s, %d iterations, batch %d%n", inv, c.dataset().name(), c.train().maxIter(),
                    c.train().batchSize());
        }
        System.out.printf("%d of %d runs%s%n", part.size(), grid.size(), shard == null ? "" : " (shard " + shard + ")");
        return 0;
    }
}
