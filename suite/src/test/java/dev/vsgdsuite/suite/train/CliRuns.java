package dev.vsgdsuite.suite.train;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.cli.Main;
import picocli.CommandLine;

/** Runs the suite's command line in-process and returns its exit code and last stdout line. */
final class CliRuns {

    record Outcome(int exitCode, String stdout, JsonNode lastLine) {}

    private CliRuns() {}

    static synchronized Outcome run(List<String> args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            code = new CommandLine(new Main()).execute(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        String[] lines = text.strip().split("\n");
        JsonNode last = null;
        try {
            last = Json.LINE.readTree(lines[lines.length - 1]);
        } catch (Exception e) {
            // not JSON: the caller asserts on stdout
        }
        return new Outcome(code, text, last);
    }
}
