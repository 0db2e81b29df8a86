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
        for (RenderedDocs.Part part : RenderedDocs.PARTS) {
            Files.writeString(root.resolve(part.file()), part.block() == null ? "old\n"
                    : "before\n<!-- rendered: " + part.block() + " -->\n| old |\n<!-- end rendered -->\nafter\n");
        }
        assertThat(RenderedDocs.stale(root)).hasSize(RenderedDocs.PARTS.size());
        RenderedDocs.write(root);
        assertThat(RenderedDocs.stale(root)).isEmpty();
        String cli = Files.readString(root.resolve("docs/CLI.md"));
        assertThat(cli).startsWith("before\n").endsWith("<!-- end rendered -->\nafter\n").doesNotContain("| old |")
                .contains("| 4 | Interrupted");
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
