package dev.vsgdsuite.suite.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** The command line run in-process, as {@code main} runs it (without the signal handlers and exit). */
final class Cli {

    record Outcome(int code, String out, String err) {
        /** The non-empty lines of stderr. */
        long errLines() {
            return err.lines().filter(l -> !l.isBlank()).count();
        }
    }

    private Cli() {}

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
