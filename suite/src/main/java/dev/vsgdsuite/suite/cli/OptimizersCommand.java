package dev.vsgdsuite.suite.cli;

import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.optim.OptimizerReference;
import picocli.CommandLine.Command;

@Command(name = "optimizers", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The optimizers and every key of their configs: default, rule, meaning.")
final class OptimizersCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.print(OptimizerReference.markdown());
        return 0;
    }
}
