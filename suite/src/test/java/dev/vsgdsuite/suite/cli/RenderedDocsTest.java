package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docs' tables that code declares (optimizer keys, switches, exit codes) are their rendering. */
class RenderedDocsTest {

    @Test
    void everyRenderedPartOfTheDocsIsCurrent() {
        assertThat(RenderedDocs.stale(ProjectPaths.root())).as("stale: run ./vsgd-suite docs").isEmpty();
    }

    @Test
    void aStaleBlockIsFoundAndRewrittenLeavingTheHandWrittenTextAlone(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        java.util.Map<String, StringBuilder> files = new java.util.LinkedHashMap<>();
        for (RenderedDocs.Part part : RenderedDocs.PARTS) {
            files.computeIfAbsent(part.file(), f -> new StringBuilder()).append(part.block() == null ? "old\n"
                    : "before\n<!-- rendered: " + part.block() + " -->\n| old |\n<!-- end rendered -->\nafter\n");
        }
        for (var f : files.entrySet()) {
            Files.writeString(root.resolve(f.getKey()), f.getValue());
        }
        assertThat(RenderedDocs.stale(root)).hasSize(RenderedDocs.PARTS.size());
        RenderedDocs.write(root);
        assertThat(RenderedDocs.stale(root)).isEmpty();
        String cli = Files.readString(root.resolve("docs/CLI.md"));
        assertThat(cli).startsWith("before\n").endsWith("<!-- end rendered -->\nafter\n").doesNotContain("| old |")
                .contains("| 4 | Interrupted");
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(readme).contains("<!-- rendered: example-samediff -->\n```java\nSameDiff sd = SameDiff.create();\n")
                .contains("MultiLayerNetwork net = new MultiLayerNetwork(conf);\nnet.init();\n```\n<!-- end rendered -->")
                .doesNotContain("// README:");
    }

    @Test
    void aFileThatLostItsMarkersIsNamed(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/CLI.md"), "no markers\n");
        assertThatThrownBy(() -> RenderedDocs.stale(root)).hasMessageContaining("docs/CLI.md has no '<!-- rendered: exit-codes -->'");
    }

    @Test
    void theHelpFooterListsEveryExitCode() {
        String help = Cli.run("--help").out();
        for (ExitCode c : ExitCode.values()) {
            assertThat(help).contains("  " + c.code() + "  ");
        }
    }
}
