package dev.vsgdsuite.suite.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsgdsuite.suite.train.Json;
import dev.vsgdsuite.suite.train.RunDirectory;
import dev.vsgdsuite.suite.train.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broken run folder does not stop the report: it is named, skipped, and the rest is reported. */
class ReportRobustnessTest {

    static final Claims CLAIMS = new Claims(List.of("adam"), 0.01, 0.02, Map.of());

    @Test
    void brokenRunFoldersAreNamedAndSkippedAndTheReportIsStillWritten(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        for (int s = 0; s < 3; s++) {
            write(runs.resolve("vsgd-" + s), ClaimCheckTest.run("vsgd", s, 0.70 + s / 100.0));
            write(runs.resolve("adam-" + s), ClaimCheckTest.run("adam", s, 0.66 + s / 100.0));
        }
        List<String> broken = List.of("x-not-json", "x-empty", "x-empty-object", "x-bad-metrics", "x-failed");
        Files.createDirectories(runs.resolve("x-not-json"));
        Files.writeString(runs.resolve("x-not-json").resolve(RunDirectory.RESULT), "{\"experiment\": ");
        Files.createDirectories(runs.resolve("x-empty"));
        Files.writeString(runs.resolve("x-empty").resolve(RunDirectory.RESULT), "");
        Files.createDirectories(runs.resolve("x-empty-object"));
        Files.writeString(runs.resolve("x-empty-object").resolve(RunDirectory.RESULT), "{}");
        write(runs.resolve("x-bad-metrics"), ClaimCheckTest.run("vsgd", 7, 0.5));
        Files.writeString(runs.resolve("x-bad-metrics").resolve(RunDirectory.METRICS), "{\"iteration\": 10}\n%garbage\n");
        Path failed = runs.resolve("x-failed");
        Files.createDirectories(failed);
        Files.writeString(failed.resolve(RunDirectory.RESULT), Json.PRETTY.writeValueAsString(RunResult.failed("exp", "d",
                "convmixer", "sgd", 0, 0, failed.toString(), null, "train.batch_size = 5000 is too large")));

        Reports.write(List.of(new Reports.Section("mine", runs, "by hand")), CLAIMS, dir);

        String md = Files.readString(dir.resolve(Reports.MARKDOWN));
        assertThat(md).contains("Run folders skipped").doesNotContain("NaN").doesNotContain("## null")
                .contains("exp (m on d)");
        for (String b : broken) {
            assertThat(md).contains("`" + runs.resolve(b) + "`");
        }
        assertThat(md).contains("the run failed: train.batch_size = 5000 is too large")
                .contains(RunDirectory.METRICS + " is not readable").contains(RunDirectory.RESULT + " is empty");
        JsonNode profile = Json.LINE.readTree(dir.resolve(Reports.JSON).toFile()).path("profiles").path("mine");
        List<String> listed = new ArrayList<>();
        profile.path("broken").forEach(b -> listed.add(b.path("dir").asText()));
        assertThat(listed).as("in folder-name order")
                .containsExactlyElementsOf(broken.stream().sorted().map(b -> runs.resolve(b).toString()).toList());
        assertThat(profile.path("experiments").path("exp").path("optimizers").path("vsgd").path("n").asInt()).isEqualTo(3);
    }

    @Test
    void duplicateSeedsCountOnceAndAreListed(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        for (int s = 0; s < 2; s++) {
            write(runs.resolve("a-vsgd-" + s), ClaimCheckTest.run("vsgd", s, 0.70));
            write(runs.resolve("a-adam-" + s), ClaimCheckTest.run("adam", s, 0.60));
        }
        write(runs.resolve("b-vsgd-0-again"), ClaimCheckTest.run("vsgd", 0, 0.10));

        Reports.write(List.of(new Reports.Section("mine", runs, "by hand")), CLAIMS, dir);

        JsonNode exp = Json.LINE.readTree(dir.resolve(Reports.JSON).toFile()).path("profiles").path("mine")
                .path("experiments").path("exp");
        assertThat(exp.path("optimizers").path("vsgd").path("n").asInt()).isEqualTo(2);
        assertThat(exp.path("optimizers").path("vsgd").path("accuracies").toString()).isEqualTo("[0.7,0.7]");
        assertThat(exp.path("duplicates").toString()).contains("seed 0").contains("b-vsgd-0-again");
        assertThat(Files.readString(dir.resolve(Reports.MARKDOWN))).contains("Duplicate runs ignored")
                .contains("b-vsgd-0-again");
    }

    @Test
    void impossibleAccuraciesAreSkippedWithTheReasonNotAveraged(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        for (int s = 0; s < 3; s++) {
            write(runs.resolve("vsgd-" + s), ClaimCheckTest.run("vsgd", s, 0.70));
            write(runs.resolve("adam-" + s), ClaimCheckTest.run("adam", s, 0.60));
        }
        for (String[] bad : new String[][] {{"x-negative", "-0.5"}, {"x-percent", "7.5"}}) {
            ObjectNode result = (ObjectNode) ClaimCheckTest.run("vsgd", 9, 0.5).result();
            result.put("test_accuracy", Double.parseDouble(bad[1]));
            Files.createDirectories(runs.resolve(bad[0]));
            Files.writeString(runs.resolve(bad[0]).resolve(RunDirectory.RESULT), result.toString());
        }

        Reports.write(List.of(new Reports.Section("mine", runs, "by hand")), CLAIMS, dir);

        String md = Files.readString(dir.resolve(Reports.MARKDOWN));
        assertThat(md).contains("Run folders skipped").contains("`" + runs.resolve("x-negative") + "`")
                .contains("test_accuracy = -0.5 is not an accuracy").contains("test_accuracy = 7.5 is not an accuracy")
                .doesNotContain("236.67");
        JsonNode vsgd = Json.LINE.readTree(dir.resolve(Reports.JSON).toFile()).path("profiles").path("mine")
                .path("experiments").path("exp").path("optimizers").path("vsgd");
        assertThat(vsgd.path("n").asInt()).isEqualTo(3);
    }

    @Test
    void timeToTargetListsEachSeedOnceAsTheComparisonCountsIt(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        write(runs.resolve("a-vsgd-0"), ClaimCheckTest.run("vsgd", 0, 0.70));
        write(runs.resolve("a-adam-0"), ClaimCheckTest.run("adam", 0, 0.60));
        write(runs.resolve("b-vsgd-0-again"), ClaimCheckTest.run("vsgd", 0, 0.10));

        Reports.write(List.of(new Reports.Section("mine", runs, "by hand")), CLAIMS, dir);

        String line = Files.readString(dir.resolve(Reports.MARKDOWN)).lines().filter(l -> l.startsWith("Time to target"))
                .findFirst().orElseThrow();
        assertThat(line.split("vsgd s0", -1)).as(line).hasSize(2);
    }

    @Test
    void theReportSaysWhichLearningRateEachOptimizerRanWithAndWhereItCameFrom(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        for (int s = 0; s < 2; s++) {
            write(runs.resolve("a-vsgd-" + s), ClaimCheckTest.run("vsgd", s, 0.70));
            Files.writeString(runs.resolve("a-vsgd-" + s).resolve(RunDirectory.CONFIG),
                    "lr_source: tuned (tuned/exp.yaml)\noptimizer:\n  name: vsgd\n  lr: 0.003162\n");
            write(runs.resolve("a-adam-" + s), ClaimCheckTest.run("adam", s, 0.60));
            Files.writeString(runs.resolve("a-adam-" + s).resolve(RunDirectory.CONFIG),
                    "optimizer:\n  name: adam\n  lr: 0.01\n");
        }
        write(runs.resolve("a-sgd-0"), ClaimCheckTest.run("sgd", 0, 0.60));   // no config.yaml

        Reports.write(List.of(new Reports.Section("mine", runs, "by hand")), CLAIMS, dir);

        assertThat(Files.readString(dir.resolve(Reports.MARKDOWN)))
                .contains("Learning rates: vsgd 0.003162 (tuned (tuned/exp.yaml)); adam 0.01 (config); sgd unknown.");
        JsonNode rates = Json.LINE.readTree(dir.resolve(Reports.JSON).toFile()).path("profiles").path("mine")
                .path("experiments").path("exp").path("learning_rates");
        assertThat(rates.path("vsgd").asText()).isEqualTo("0.003162 (tuned (tuned/exp.yaml))");
        assertThat(rates.path("adam").asText()).isEqualTo("0.01 (config)");
    }

    @Test
    void readingOneRunStillFailsLoudlyNamingTheFolder(@TempDir Path root) throws Exception {
        Path dir = root.resolve("run-1");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(RunDirectory.RESULT), "");
        assertThatThrownBy(() -> RunRecord.read(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining(RunDirectory.RESULT + " is empty");
        assertThatThrownBy(() -> RunRecord.under(root)).hasMessageContaining(dir.toString());
    }

    private static void write(Path d, RunRecord r) throws Exception {
        Files.createDirectories(d);
        ObjectNode result = (ObjectNode) r.result();
        Files.writeString(d.resolve(RunDirectory.RESULT), result.toString());
        Files.writeString(d.resolve(RunDirectory.METRICS), "");
    }
}
