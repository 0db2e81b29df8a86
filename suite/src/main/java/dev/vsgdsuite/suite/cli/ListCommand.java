package dev.vsgdsuite.suite.cli;

import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.experiment.Profile;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List the experiments, optimizers and other config groups in configs/, and the test profiles.")
final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ConfigLoader loader = new ConfigLoader(ProjectPaths.configs());
        for (String group : new String[] {"experiment", "optimizer", "dataset", "model", "scheduler"}) {
            System.out.printf("%-11s %s%n", group + ":", String.join(" ", loader.names(group)));
        }
        System.out.printf("%-11s %s%n", "profile:", String.join(" ", Profile.all().stream().map(Profile::name).toList()));
        return 0;
    }
}
