package dev.vsgdsuite.suite.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.experiment.RunOptions;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.experiment.Invocation;
import dev.vsgdsuite.suite.experiment.JitWarmUp;
import dev.vsgdsuite.suite.experiment.Profile;
import dev.vsgdsuite.suite.report.Reports;
import dev.vsgdsuite.suite.report.SequentialClaims;
import dev.vsgdsuite.suite.report.SequentialRounds;
import dev.vsgdsuite.suite.report.SequentialRuns;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.train.Json;
import dev.vsgdsuite.suite.verdict.SequentialDesign;
import dev.vsgdsuite.suite.train.Phases;
import dev.vsgdsuite.suite.train.Progress;
import dev.vsgdsuite.suite.train.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Train the authors' demo protocol: ConvMixer on Fashion-MNIST, VSGD vs Adam vs SGD-momentum.",
        description = {
        "The authors' demo protocol (docs/PROTOCOL.md §3): ConvMixer 16/4, batch 32, 3 epochs, VSGD vs Adam vs SGD-momentum,",
        "on the Fashion-MNIST subset shipped in fixtures/ (or the full set with --full);",
        "the demo group of the smoke (or demo) profile in configs/profiles.yaml, one seed."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--full", description = "Use the full Fashion-MNIST (apt-get install dataset-fashion-mnist).")
    boolean full;

    @Option(names = "--epochs", defaultValue = "3", description = "Passes over the training set (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--optimizers", split = ",", paramLabel = "NAME",
            description = "Optimizers to train, in this order (default: the profile's, vsgd,adam,sgd).")
    List<String> optimizers;

    @Option(names = "--lr", paramLabel = "SOURCE", description = "Learning rates: tuned (configs/tuned/, chosen by "
            + "the tune command) or config (the notebook's 0.01); default: the profile's (--full: tuned; the subset: config).")
    String lr;

    @Option(names = "--seeds", paramLabel = "auto[:MAX]", description = {"Sequential seeds: seeds 0, 1, … in rounds "
            + "until the sequential rule (docs/PROTOCOL.md §4.4) decides VSGD against each baseline, or MAX (default: "
            + "configs/claims.yaml's last look).", "The runs go to reports/runs/demo-sequential (the subset: "
            + "demo-sequential-subset); run the same command again to continue a stopped sequence."})
    String seeds;

    @Option(names = "--runs", paramLabel = "DIR", converter = FolderPath.class,
            description = "Where the run folders go (default: reports/runs; with --seeds: reports/runs/demo-sequential[-subset]).")
    Path runsFolder;

    @Spec
    CommandSpec spec;

    /** Where results go: stdout, or what a caller of the command line set. */
    private java.io.PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs " + epochs + ": give at least 1 pass over the data");
        }
        Profile profile = Profile.load(full ? "demo" : "smoke");
        Profile.RunGroup group = profile.group("demo").withSeeds(List.of(seed)).withEpochs(epochs);
        if (optimizers != null && !optimizers.isEmpty()) {
            group = group.withOptimizers(optimizers);
        }
        Profile chosen = new Profile(profile.name(), profile.command(), profile.lr(), List.of(group)).withLr(lr);
        chosen.requireTuned();
        if (seeds != null) {
            if (!seeds.trim().startsWith("auto")) {
                throw new ParameterException(spec.commandLine(), "--seeds " + seeds + ": give auto or auto:MAX (one seed: "
                        + "--seed N; a fixed list: mvn verify -Pdemo -Dsuite.seeds=0,1,2)");
            }
            return sequential(chosen.withSeeds(seeds));
        }
        List<Invocation> runs = chosen.runs();
        List<RunConfig> configs = new ArrayList<>();
        for (Invocation inv : runs) {
            configs.add(Experiment.resolve(inv.arguments()));
        }
        RunConfig first = configs.get(0);
        DataModule data = Experiment.load(first);   // the same data for every optimizer
        System.err.printf("demo: JIT warm-up, %d untimed iterations per optimizer%n", JitWarmUp.ITERATIONS);
        JitWarmUp.run(configs, data);
        List<RunResult> results = new ArrayList<>();
        for (RunConfig config : configs) {
            System.err.printf("demo: %s, %d iterations on %s (%d training images)%n", config.optimizer().name(),
                    config.train().maxIter(), config.dataset().name(), data.train().size());
            RunResult r = Experiment.run(config, runsFolder != null ? runsFolder : Experiment.defaultRunsRoot(),
                    RunOptions.of(Progress.forTerminal()).data(data).folderMade(Interruption::training));
            results.add(r);
            out.println(Json.LINE.writeValueAsString(r.asMap()));
        }
        out.println();
        out.printf("Demo protocol on %s: %s, batch %d, %d epochs, seed %d%n", first.dataset().name(),
                Experiment.network(first).name(), first.train().batchSize(), epochs, seed);
        out.printf("%-10s %14s %10s %8s %8s %s%n", "optimizer", "test accuracy", "test loss", "ms/iter", "train s",
                "run");
        for (RunResult r : results) {
            out.printf("%-10s %13.2f%% %10.4f %8.1f %8.1f %s%n", r.optimizer(), 100 * r.testAccuracy(), r.testLoss(),
                    r.msPerIter(), r.trainSeconds(), r.runDir());
        }
        out.println("ms/iter: median step time after a JIT warm-up run and a warm-up window of " + (results.get(0).stepTiming() == null ? "?"
                : results.get(0).stepTiming().warmupIterations()) + " iterations (10-step interval means); one seed, "
                + "so the accuracies show the pipeline, not the claim (mvn verify -Pdemo judges it over seeds).");
        ratioToAdam(results);
        out.flush();
        return results.stream().anyMatch(RunResult::diverged) ? ExitCode.DIVERGED.code() : ExitCode.DONE.code();
    }

    /** Sequential seeds: rounds of runs from the run folders until the rule decides, then every look. */
    private int sequential(Profile chosen) throws Exception {
        Path root = runsFolder != null ? runsFolder : Experiment.defaultRunsRoot().resolve(full ? "demo-sequential" : "demo-sequential-subset");
        Files.createDirectories(root);
        SequentialDesign design = Reports.sequentialDesign();
        List<String> baselines = Reports.claims().baselines();
        List<Invocation> planned = chosen.runs();
        List<RunConfig> configs = planned.stream().filter(i -> i.seed() == planned.get(0).seed())
                .map(i -> Experiment.resolve(i.arguments())).toList();
        DataModule data = Experiment.load(configs.get(0));
        System.err.printf("demo: sequential seeds up to %d in %s; JIT warm-up, %d untimed iterations per optimizer%n",
                planned.stream().mapToLong(Invocation::seed).max().orElse(0) + 1, root, JitWarmUp.ITERATIONS);
        JitWarmUp.run(configs, data);
        boolean diverged = false;
        for (Invocation inv : (Iterable<Invocation>) SequentialRuns.rounds(chosen, root, design, baselines)::iterator) {
            Path unfinished = SequentialRuns.unfinished(inv, root);
            System.err.printf("demo: %s%s%n", inv, unfinished == null ? "" : " (resuming " + unfinished.getFileName() + ")");
            RunResult r = unfinished != null ? Experiment.resume(unfinished, Progress.forTerminal())
                    : Experiment.run(Experiment.resolve(inv.arguments()), root,
                    RunOptions.of(Progress.forTerminal()).data(data).folderMade(Interruption::training));
            diverged |= r.diverged();
            out.println(Json.LINE.writeValueAsString(r.asMap()));
        }
        String experiment = planned.get(0).experiment();
        SequentialRounds.State state = SequentialRuns.state(chosen, experiment, root, design, baselines);
        out.println();
        out.print(SequentialClaims.markdown(state));
        out.println();
        out.println("Outcome for " + experiment + ": " + SequentialClaims.experimentOutcome(state).id() + " ("
                + SequentialClaims.summary(state) + ")");
        out.flush();
        return diverged ? ExitCode.DIVERGED.code() : ExitCode.DONE.code();
    }

    /** Each optimizer's warm step time over Adam's, with the interquartile range of its intervals. */
    private void ratioToAdam(List<RunResult> results) {
        RunResult adam = results.stream().filter(r -> r.optimizer().equals("adam")).findFirst().orElse(null);
        if (adam == null || !Double.isFinite(adam.msPerIter())) {
            return;
        }
        for (RunResult r : results) {
            if (r != adam && r.stepTiming() != null) {
                out.printf("%s/adam step time: %.3f× (%s IQR %.1f–%.1f ms, adam IQR %.1f–%.1f ms)%n", r.optimizer(),
                        r.msPerIter() / adam.msPerIter(), r.optimizer(), r.stepTiming().q1(), r.stepTiming().q3(),
                        adam.stepTiming().q1(), adam.stepTiming().q3());
            }
        }
    }
}
