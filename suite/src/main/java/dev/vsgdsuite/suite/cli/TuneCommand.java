package dev.vsgdsuite.suite.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.config.TunedOverlay;
import dev.vsgdsuite.suite.config.TuningPlan;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.train.Json;
import dev.vsgdsuite.suite.train.Progress;
import dev.vsgdsuite.suite.tune.Tuner;
import dev.vsgdsuite.suite.tune.TuningResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tune", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Choose an optimizer's learning rate on a validation split of the training images.",
        description = {
        "Runs the learning-rate grid of configs/tuning.yaml for the optimizer, each value for the",
        "experiment's budget, and picks the best final accuracy on a split held out of the training",
        "images (the test set is never read). Writes reports/tuning/<experiment>-<optimizer>.json and",
        "the winner into configs/tuned/<experiment>.yaml, which runs use with lr=tuned.",
        "For example:",
        "  tune experiment=fashion_convmixer_demo optimizer=vsgd,adam,sgd",
        "  tune experiment=fashion_convmixer_demo optimizer=adam dataset=fashion_mnist_subset \\",
        "       tune.grid=1e-3:1e-1 tune.budget_iterations=50 tune.split=500 --out /tmp/t --no-overlay",
        "tune.KEY=VALUE changes the plan for this search: grid=FROM:TO, per_decade, budget_iterations,",
        "split, eval_every, seeds=0,1, extend_max. Other KEY=VALUE arguments apply to every trial."})
final class TuneCommand implements Callable<Integer> {

    @Parameters(paramLabel = "KEY=VALUE", description = "experiment=NAME, optimizer=NAME[,NAME…], tune.KEY=VALUE, "
            + "GROUP=NAME, SECTION.KEY=VALUE")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", converter = FolderPath.class,
            description = "Folder for the results and the trials' run folders (default: reports/tuning).")
    Path out;

    @Option(names = "--overlay", paramLabel = "FILE",
            description = "Overlay to write the winners into (default: configs/tuned/<experiment>.yaml).")
    Path overlay;

    @Option(names = "--no-overlay", description = "Write no overlay (the results only).")
    boolean noOverlay;

    @Option(names = "--from-results", paramLabel = "DIR", converter = FolderPath.class,
            description = "Write no search: put the winners of the results in DIR (reports/tuning/*.json, e.g. "
                    + "merged from CI shards) into configs/tuned/.")
    Path fromResults;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (fromResults != null) {
            return overlaysFrom(fromResults);
        }
        String experiment = null;
        List<String> optimizers = new ArrayList<>();
        List<String> tuneKeys = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String a : arguments) {
            if (a.startsWith("experiment=")) {
                experiment = a.substring("experiment=".length());
            } else if (a.startsWith("optimizer=")) {
                for (String o : a.substring("optimizer=".length()).split(",")) {
                    if (!o.isBlank()) {
                        optimizers.add(o.trim());
                    }
                }
            } else if (a.startsWith("tune.")) {
                if (a.indexOf('=') <= "tune.".length()) {
                    throw new ParameterException(spec.commandLine(), a + " is not tune.KEY=VALUE");
                }
                tuneKeys.add(a.substring("tune.".length()));
            } else {
                rest.add(a);
            }
        }
        if (experiment == null || experiment.isBlank() || optimizers.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "tune needs experiment=NAME and optimizer=NAME (or a list, "
                    + "optimizer=vsgd,adam,sgd)");
        }
        if (noOverlay && overlay != null) {
            throw new ParameterException(spec.commandLine(), "--overlay and --no-overlay exclude each other");
        }
        Path reports = out != null ? out : ProjectPaths.reports().resolve("tuning");
        Path overlayFile = noOverlay ? null
                : overlay != null ? overlay : TunedOverlay.file(ProjectPaths.configs(), experiment);
        String command = "./vsgd-suite tune " + String.join(" ", arguments);
        List<TuningResult> results = new ArrayList<>();
        for (String optimizer : optimizers) {
            TuningPlan plan = TuningPlan.load().with(tuneKeys, optimizer, experiment);
            Interruption.searching(reports.resolve("runs").resolve(experiment + "-" + optimizer), command);
            results.add(Tuner.tune(new Tuner.Request(experiment, optimizer, rest, plan, reports, overlayFile, command),
                    Progress.forTerminal()));
        }
        for (TuningResult r : results) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("experiment", r.experiment());
            line.put("optimizer", r.optimizer());
            line.put("lr", r.lr());
            line.put("validation_accuracy", r.how().validationAccuracy());
            line.put("file", TuningResult.file(reports, r.experiment(), r.optimizer()).toString());
            System.out.println(Json.LINE.writeValueAsString(line));
        }
        return ExitCode.DONE.code();
    }

    /** One overlay entry per result file in {@code folder}: how CI shards' searches become one overlay per experiment. */
    private int overlaysFrom(Path folder) throws java.io.IOException {
        if (!arguments.isEmpty() || overlay != null || noOverlay) {
            throw new ParameterException(spec.commandLine(), "--from-results DIR takes no other arguments or options");
        }
        List<Path> files;
        try (var listing = java.nio.file.Files.list(folder)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--from-results " + folder + " holds no tuning results "
                    + "(<experiment>-<optimizer>.json); run tune first");
        }
        for (Path file : files) {
            TuningResult r = TuningResult.read(file);
            Tuner.writeOverlay(r, TunedOverlay.file(ProjectPaths.configs(), r.experiment()));
            System.out.println(r.experiment() + " " + r.optimizer() + ": lr " + r.lr() + " (" + file + ")");
        }
        return ExitCode.DONE.code();
    }
}
