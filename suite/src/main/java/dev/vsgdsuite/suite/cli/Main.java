package dev.vsgdsuite.suite.cli;

import java.util.Properties;

import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The suite's command line. Thin: parses arguments and calls the capability packages. Progress and
 * logs go to stderr, results to stdout; an error is one line on stderr and an exit code
 * ({@link ExitCode}).
 */
@Command(name = "vsgd-suite", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reproduce 'Variational Stochastic Gradient Descent for Deep Neural Networks' in DL4J.",
        subcommands = {DemoCommand.class, RunCommand.class, ListCommand.class, ModelsCommand.class,
                GridCommand.class, TuneCommand.class, DataCommand.class, GpuCheckCommand.class, OptimizersCommand.class, SwitchesCommand.class, DocsCommand.class,
                ReportCommand.class, CompareCommand.class, QuadraticCommand.class, EnvCommand.class,
                BenchReportCommand.class, BenchTrainingCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    @Option(names = ErrorHandler.VERBOSE, scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace too.")
    boolean verbose;

    public static void main(String[] args) {
        try {
            SuiteSwitches.refuseUnknown();
        } catch (IllegalArgumentException e) {
            System.err.println("vsgd-suite: " + e.getMessage());
            System.exit(ExitCode.BAD_INPUT.code());
        }
        try {
            Dl4jRuntime.init();
        } catch (RuntimeException | LinkageError e) {
            // A CUDA build on a machine without a usable GPU: commands that need no backend still work,
            // and gpu-check explains; the others fail naming this.
            System.err.println("vsgd-suite: " + e.getMessage() + " (./vsgd-suite gpu-check says more)");
        }
        Interruption.install(System.err);
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: one line per error, the exit codes of {@link ExitCode}. */
    public static CommandLine commandLine() {
        ErrorHandler errors = new ErrorHandler();
        CommandLine line = new CommandLine(new Main());
        line.getCommandSpec().usageMessage().footer(ExitCode.helpFooter());
        return line.setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    /** "vsgd-suite VERSION (DL4J …, backend …)", from the build's vsgd-suite.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties build = Dl4jRuntime.buildProperties();
            return new String[] {"vsgd-suite " + build.getProperty("suite.version", "(version unknown: not built by Maven)")
                    + " (DL4J " + build.getProperty("dl4j.version", "?") + ", backend "
                    + build.getProperty("nd4j.backend", "?") + ")"};
        }
    }
}
