package dev.vsgdsuite.suite.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.vsgdsuite.suite.optim.OptimizerReference;
import dev.vsgdsuite.suite.runtime.SuiteSwitches;

/**
 * The parts of the docs that are rendered from declarations in code, so a table cannot drift from
 * what the code does: a whole file, or a block between {@code <!-- rendered: NAME -->} and
 * {@code <!-- end rendered -->} in a hand-written file. {@code ./vsgd-suite docs} writes them; a test
 * fails when one is stale.
 */
public final class RenderedDocs {

    /** One rendered part. {@code block} null: the whole file. */
    public record Part(String file, String block, Supplier<String> render) {

        /** What the file should hold, given what it holds now. */
        String expected(String current) {
            if (block == null) {
                return render.get();
            }
            String begin = "<!-- rendered: " + block + " -->\n";
            String end = "<!-- end rendered -->";
            int from = current.indexOf(begin);
            int to = from < 0 ? -1 : current.indexOf(end, from);
            if (to < 0) {
                throw new IllegalStateException(file + " has no '" + begin.strip() + "' … '" + end + "' block");
            }
            return current.substring(0, from + begin.length()) + render.get() + current.substring(to);
        }
    }

    /** Every rendered part of the docs. */
    public static final List<Part> PARTS = List.of(
            new Part("docs/OPTIMIZERS.md", null, OptimizerReference::markdown),
            new Part("docs/SWITCHES.md", null, SuiteSwitches::markdown),
            new Part("docs/CLI.md", "exit-codes", ExitCode::markdown));

    private RenderedDocs() {}

    /** The parts under {@code root} whose file differs from its rendering. */
    public static List<String> stale(Path root) {
        List<String> stale = new ArrayList<>();
        for (Part part : PARTS) {
            Path file = root.resolve(part.file());
            String current = read(file, part);
            if (!current.equals(part.expected(current))) {
                stale.add(part.file() + (part.block() == null ? "" : " (block " + part.block() + ")"));
            }
        }
        return stale;
    }

    /** Rewrites every stale part under {@code root}; returns the files written. */
    public static List<String> write(Path root) {
        List<String> written = new ArrayList<>();
        for (Part part : PARTS) {
            Path file = root.resolve(part.file());
            String current = read(file, part);
            String expected = part.expected(current);
            if (!current.equals(expected)) {
                try {
                    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
                    Files.writeString(tmp, expected, StandardCharsets.UTF_8);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
                }
                written.add(part.file());
            }
        }
        return written;
    }

    private static String read(Path file, Part part) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
