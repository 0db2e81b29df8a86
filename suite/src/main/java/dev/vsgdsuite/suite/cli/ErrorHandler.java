package dev.vsgdsuite.suite.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

import dev.vsgdsuite.suite.data.DatasetFormatException;
import dev.vsgdsuite.suite.data.DatasetNotFoundException;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on stderr and an exit code ({@link ExitCode}): a user
 * error (bad config, data, file, usage) prints its message, which names the key or file and the fix;
 * anything else is an internal error. The stack trace is printed only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final String VERBOSE = "--verbose";

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText(prefix(cmd) + oneLine(e.getMessage())));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        if (verbose(args)) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean userError = isUserError(e);
        String message = userError ? oneLine(e.getMessage())
                : "internal error: " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
        err.println(cmd.getColorScheme().errorText(prefix(cmd) + message));
        if (verbose(parsed)) {
            e.printStackTrace(err);
        } else if (!userError) {
            err.println("Rerun with " + VERBOSE + " for the stack trace, and report it.");
        }
        err.flush();
        if (e instanceof UsageException) {
            return ExitCode.USAGE.code();
        }
        return userError ? ExitCode.BAD_INPUT.code() : ExitCode.INTERNAL.code();
    }

    /**
     * True for bad input the user can fix from the message: the suite's config and data errors, file
     * errors, and argument or state errors the suite itself raised with its own message.
     */
    static boolean isUserError(Throwable e) {
        if (e instanceof ConfigException || e instanceof DatasetNotFoundException || e instanceof DatasetFormatException
                || e instanceof IOException || e instanceof UncheckedIOException) {
            return true;
        }
        boolean checkFailed = e instanceof IllegalArgumentException || e instanceof IllegalStateException;
        return checkFailed && e.getMessage() != null && thrownBySuite(e);
    }

    private static boolean thrownBySuite(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("dev.vsgdsuite.");
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }

    /** The message on one line: a multi-line message (a YAML parser's, say) is joined. */
    static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean verbose(String[] args) {
        for (String a : args) {
            if (a.equals(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
