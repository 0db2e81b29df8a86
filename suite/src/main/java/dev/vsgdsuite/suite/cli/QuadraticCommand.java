package dev.vsgdsuite.suite.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.experiment.QuadraticRace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quadratic", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "VSGD against Adam and SGD-momentum on a noisy ill-conditioned quadratic (seconds).")
final class QuadraticCommand implements Callable<Integer> {

    @Option(names = "--dim", defaultValue = "200", description = "Parameters (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--steps", defaultValue = "2000", description = "Steps per run (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seeds", defaultValue = "3", description = "Runs per optimizer (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--noise", defaultValue = "0.1", description = "Gradient noise std (default ${DEFAULT-VALUE}).")
    double noise;

    @Override
    public Integer call() {
        QuadraticRace race = new QuadraticRace(dim, steps, seeds, noise);
        List<QuadraticRace.Outcome> outcomes = race.run(QuadraticRace.defaultContenders());
        System.out.printf("Noisy quadratic, %d parameters, curvatures 0.01..10, gradient noise std %.3g, "
                + "%d steps, %d seeds; initial loss %.4g%n", dim, noise, steps, seeds, outcomes.get(0).initialLoss());
        System.out.printf("%-14s %-26s %s%n", "optimizer", "final loss (mean ± std)", "configuration");
        for (QuadraticRace.Outcome o : outcomes) {
            System.out.printf("%-14s %-26s %s%n", o.name(), String.format("%.4g ± %.2g", o.mean(), o.std()), o.config());
        }
        QuadraticRace.Outcome best = outcomes.stream()
                .min(java.util.Comparator.comparingDouble(QuadraticRace.Outcome::mean)).orElseThrow();
        System.out.println("lowest final loss: " + best.name());
        return 0;
    }
}
