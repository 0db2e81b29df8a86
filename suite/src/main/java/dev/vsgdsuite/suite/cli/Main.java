package dev.vsgdsuite.suite.cli;

import dev.vsgdsuite.suite.dl4j.Dl4jRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The suite's command line. Thin: parses arguments and calls the capability packages. Progress and
 * logs go to stderr, results to stdout.
 */
@Command(name = "vsgd-suite", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reproduce 'Variational Stochastic Gradient Descent for Deep Neural Networks' in DL4J.",
        subcommands = {DemoCommand.class, RunCommand.class, ListCommand.class, ModelsCommand.class,
                GridCommand.class, OptimizersCommand.class, ReportCommand.class, QuadraticCommand.class, EnvCommand.class, BenchReportCommand.class, BenchTrainingCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        Dl4jRuntime.init();
        int code = new CommandLine(new Main()).execute(args);
        System.exit(code);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vsgd-suite " + Main.class.getPackage().getImplementationVersion()};
        }
    }
}
