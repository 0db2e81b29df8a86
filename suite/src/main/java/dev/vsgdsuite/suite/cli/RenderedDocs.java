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
import dev.vsgdsuite.suite.runtime.ProjectPaths;
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
            new Part("docs/CLI.md", "exit-codes", ExitCode::markdown),
            new Part("README.md", "example-multilayernetwork",
                    () -> example("vsgd/src/test/java/dev/vsgdsuite/vsgd/examples/MultiLayerNetworkExampleTest.java")),
            new Part("README.md", "example-samediff",
                    () -> example("vsgd/src/test/java/dev/vsgdsuite/vsgd/examples/SameDiffExampleTest.java")));

    /** Where an example's printed lines begin and end in its test. */
    static final String EXAMPLE_BEGIN = "// README:begin";
    static final String EXAMPLE_END = "// README:end";

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

    /**
     * The lines of the test {@code source} (relative to the project) between its {@value #EXAMPLE_BEGIN}
     * and {@value #EXAMPLE_END} markers, as a Java code block with the test's indentation removed: the
     * README prints exactly the code that the test trains with.
     */
    static String example(String source) {
        Path file = ProjectPaths.root().resolve(source);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the example " + file + ": " + e.getMessage(), e);
        }
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.equals(EXAMPLE_BEGIN)) {
                from = i + 1;
            } else if (t.equals(EXAMPLE_END)) {
                to = i;
            }
        }
        if (from < 0 || to < from) {
            throw new IllegalStateException(source + " has no '" + EXAMPLE_BEGIN + "' … '" + EXAMPLE_END + "' lines");
        }
        List<String> region = lines.subList(from, to);
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder b = new StringBuilder("```java\n");
        region.forEach(l -> b.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return b.append("```\n").toString();
    }

    private static String read(Path file, Part part) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
