package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.experiment.RunOptions;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.report.RunRecord;
import dev.vsgdsuite.suite.train.Json;
import dev.vsgdsuite.suite.train.Phases;
import dev.vsgdsuite.suite.train.Progress;
import dev.vsgdsuite.suite.train.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What can be checked is checked before the run folder exists; a later failure is recorded in it. */
class NoOrphanRunFolderTest {

    static final String DEMO = "experiment=fashion_convmixer_demo";
    static final String SUBSET = "dataset=fashion_mnist_subset";

    @Test
    void aBatchLargerThanTheTrainingSetLeavesNoFolder(@TempDir Path runs) throws Exception {
        Cli.Outcome o = Cli.run("run", "--runs", runs.toString(), DEMO, SUBSET, "train.batch_size=5000");
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.errLines()).isEqualTo(1);
        assertThat(o.err()).contains("train.batch_size = 5000 is larger than the training set").contains("3000");
        assertThat(folders(runs)).isEmpty();
    }

    @Test
    void aModelThatDoesNotFitTheImagesLeavesNoFolder(@TempDir Path runs) throws Exception {
        Cli.Outcome o = Cli.run("run", "--runs", runs.toString(), DEMO, SUBSET, "model.patch=8");
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.err()).contains("model.patch").contains("28x28");
        assertThat(folders(runs)).isEmpty();
        assertThat(Experiment.resolve(List.of(DEMO, SUBSET, "model.patch=7")).model().values().integer("patch"))
                .isEqualTo(7);
    }

    /** A checkpoint that cannot be written at iteration 10 (what a full disk does) after 10 trained iterations. */
    @Test
    void aRunThatFailsPartWayRecordsTheIterationsItTrained(@TempDir Path runs) throws Exception {
        RunConfig config = Experiment.resolve(List.of(DEMO, SUBSET, "train.max_iter=20", "train.save_freq=10"));
        DataModule data = Experiment.load(config);
        assertThatThrownBy(() -> Experiment.run(config, runs, RunOptions.quiet().data(data).folderMade(folder -> {
                    try {
                        java.nio.file.Files.createDirectories(folder.resolve(RunDirectory.CHECKPOINT + ".tmp").resolve("x"));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }))).hasMessageContaining("Cannot write checkpoint");
        JsonNode result = Json.LINE.readTree(folders(runs).get(0).resolve(RunDirectory.RESULT).toFile());
        assertThat(result.path("status").asText()).isEqualTo("failed");
        assertThat(result.path("iterations").asLong()).isEqualTo(10);
    }

    @Test
    void aRunThatFailsAfterItsFolderExistsRecordsTheFailure(@TempDir Path runs) throws Exception {
        RunConfig config = Experiment.resolve(List.of(DEMO, SUBSET, "train.max_iter=2"));
        DataModule data = Experiment.load(config);
        Phases failing = phase -> {
            if (phase.equals("build model")) {
                throw new IllegalStateException("no memory left for the model");
            }
        };
        assertThatThrownBy(() -> Experiment.run(config, runs, RunOptions.quiet().data(data).phases(failing)))
                .hasMessageContaining("no memory left");
        List<Path> made = folders(runs);
        assertThat(made).hasSize(1);
        JsonNode result = Json.LINE.readTree(made.get(0).resolve(RunDirectory.RESULT).toFile());
        assertThat(result.path("status").asText()).isEqualTo("failed");
        assertThat(result.path("message").asText()).isEqualTo("no memory left for the model");
        assertThat(result.path("experiment").asText()).isEqualTo("fashion_convmixer_demo");
        RunRecord.Scan scan = RunRecord.scan(runs);
        assertThat(scan.runs()).isEmpty();
        assertThat(scan.broken()).singleElement().satisfies(b -> assertThat(b.reason())
                .isEqualTo("the run failed: no memory left for the model"));
    }

    private static List<Path> folders(Path runs) throws Exception {
        if (!Files.exists(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.toList();
        }
    }
}
