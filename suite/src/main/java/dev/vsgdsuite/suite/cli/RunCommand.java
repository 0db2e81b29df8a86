package dev.vsgdsuite.suite.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.experiment.RunOptions;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.train.Json;
import dev.vsgdsuite.suite.train.Phases;
import dev.vsgdsuite.suite.train.Progress;
import dev.vsgdsuite.suite.train.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Train one experiment with one optimizer, repeat a run from its config, or resume a killed run.",
        description = {
        "For example:",
        "  run experiment=cifar100_vgg optimizer=vsgd optimizer.weight_decay=0.01 \\",
        "      train.seed=2 train.max_iter=200",
        "  run config=reports/runs/<run>/config.yaml      (repeat a run from its folder)",
        "  run resume=reports/runs/<run>                  (continue a killed run)",
        "Progress goes to stderr; the last line of stdout is the result as JSON."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "KEY=VALUE", description = "experiment=NAME | config=FILE | resume=RUN_DIR, "
            + "GROUP=NAME (dataset, model, optimizer, scheduler), SECTION.KEY=VALUE")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "DIR", converter = FolderPath.class,
            description = "Folder for run folders (default: reports/runs).")
    Path runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        System.out.println(Dl4jRuntime.backendLine(Dl4jRuntime.init()));
        RunResult result;
        List<String> rest = new ArrayList<>();
        String resume = null;
        for (String a : arguments) {
            if (a.startsWith("resume=")) {
                resume = a.substring("resume=".length());
            } else {
                rest.add(a);
            }
        }
        if (resume != null) {
            if (resume.isBlank()) {
                throw new ParameterException(spec.commandLine(), "resume= needs a run folder, e.g. resume=reports/runs/<run>");
            }
            if (!rest.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "resume=RUN_DIR takes no other arguments (the run's own "
                        + "config.yaml is used); got " + rest);
            }
            if (runs != null) {
                throw new ParameterException(spec.commandLine(), "resume=RUN_DIR continues the run in its own folder; "
                        + "leave out --runs");
            }
            Path runDir = Path.of(resume);
            Interruption.training(runDir);
            result = Experiment.resume(runDir, Progress.forTerminal());
        } else {
            RunConfig config = Experiment.resolve(rest);
            result = Experiment.run(config, runs != null ? runs : Experiment.defaultRunsRoot(),
                    RunOptions.of(Progress.forTerminal()).folderMade(Interruption::training));
        }
        System.out.println(Json.LINE.writeValueAsString(result));
        return result.diverged() ? ExitCode.DIVERGED.code() : ExitCode.DONE.code();
    }
}
