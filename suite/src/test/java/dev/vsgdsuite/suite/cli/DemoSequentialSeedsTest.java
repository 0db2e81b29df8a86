package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.train.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --seeds auto:MAX} on the shipped subset: seeds in rounds until the sequential rule
 * decides or MAX, every look printed, and a second call continuing from the run folders: what is
 * there is not run again, what is missing is.
 */
class DemoSequentialSeedsTest {

    static final String[] DEMO = {"demo", "--seeds", "auto:2", "--epochs", "1", "--optimizers", "vsgd,adam"};

    @Test
    void seedsRunInRoundsAndASecondCallRunsOnlyWhatIsMissing(@TempDir Path runs) throws IOException {
        Cli.Outcome first = Cli.run(args(runs));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(finished(runs)).hasSize(4);   // 2 seeds × 2 optimizers: the look at MAX = 2
        assertThat(first.out()).contains("| baseline | look | seeds |").contains("| adam | 1 | 2 |")
                .contains("Outcome for fashion_convmixer_demo: ");

        Path out = Files.createDirectories(runs.resolveSibling(runs.getFileName() + "-report"));
        Cli.Outcome report = Cli.run("report", "--runs", runs.toString(), "--out", out.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(Files.readString(out.resolve("RESULTS.md"))).contains("**Sequential outcome: ")
                .contains("looks at [2] seeds");
        com.fasterxml.jackson.databind.JsonNode sequential = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("results.json").toFile()).path("profiles").elements().next()
                .path("experiments").path("fashion_convmixer_demo").path("sequential");
        assertThat(sequential.path("seeds_run").asInt()).isEqualTo(2);
        assertThat(sequential.path("done").asBoolean()).isTrue();
        assertThat(sequential.path("baselines").get(0).path("looks").get(0).path("rci_low").isNumber()).isTrue();

        Path removed = finished(runs).get(0);
        try (Stream<Path> s = Files.walk(removed)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Cli.Outcome second = Cli.run(args(runs));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(finished(runs)).hasSize(4);
        assertThat(second.out().lines().filter(l -> l.startsWith("{\"experiment\"")).count())
                .as("only the removed run ran again").isEqualTo(1);
    }

    private static String[] args(Path runs) {
        String[] a = java.util.Arrays.copyOf(DEMO, DEMO.length + 2);
        a[DEMO.length] = "--runs";
        a[DEMO.length + 1] = runs.toString();
        return a;
    }

    private static List<Path> finished(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(d -> Files.exists(d.resolve(RunDirectory.RESULT))).sorted().toList();
        }
    }
}
