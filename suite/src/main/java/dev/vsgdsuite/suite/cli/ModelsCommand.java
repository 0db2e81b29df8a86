package dev.vsgdsuite.suite.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.TrainableParameters;
import picocli.CommandLine.Command;

@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List the networks of the experiment configs: name, input shape, classes, trainable parameters.")
final class ModelsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.printf("%-26s %-24s %-11s %8s %12s%n", "config", "architecture", "input", "classes", "parameters");
        for (Map.Entry<String, ModelSpec> e : ModelCatalog.paperModels().entrySet()) {
            ModelSpec m = e.getValue();
            System.out.printf("%-26s %-24s %-11s %8d %,12d%n", e.getKey(), m.name(),
                    m.channels() + "x" + m.height() + "x" + m.width(), m.classes(), TrainableParameters.count(m.build(0)));
        }
        return 0;
    }
}
