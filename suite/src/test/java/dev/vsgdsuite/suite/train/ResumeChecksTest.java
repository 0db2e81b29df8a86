package dev.vsgdsuite.suite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import dev.vsgdsuite.suite.experiment.RunOptions;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import dev.vsgdsuite.suite.layers.MixerBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A resume checks the run folder's checkpoint against the run's config.yaml before it changes
 * anything there: an incomplete, corrupt or foreign checkpoint is refused with a message naming the
 * file and the fix, and the folder is left byte for byte as it was; a finished run is left alone.
 */
class ResumeChecksTest {

    static final List<String> RUN = List.of("experiment=fashion_convmixer_demo", "dataset=fashion_mnist_subset",
            "optimizer=vsgd", "train.max_iter=10", "train.save_freq=5", "train.log_freq=5", "train.eval_test_freq=5",
            "train.test_batch_size=256");

    /** A finished run whose result.json is removed: to a resume, a run killed after its last checkpoint. */
    static Path unfinishedRun(Path runs, List<String> extra) throws IOException {
        List<String> args = new ArrayList<>(RUN);
        for (String e : extra) {
            args.removeIf(a -> a.startsWith(e.substring(0, e.indexOf('=') + 1)));
            args.add(e);
        }
        RunResult r = Experiment.run(Experiment.resolve(args), runs, RunOptions.quiet());
        Path dir = Path.of(r.runDir());
        Files.delete(dir.resolve(RunDirectory.RESULT));
        return dir;
    }

    @Test
    void aCheckpointWithoutOptimizerStateIsRefusedAndNothingChanges(@TempDir Path runs) throws IOException {
        Path dir = unfinishedRun(runs, List.of());
        withoutEntry(dir.resolve(RunDirectory.CHECKPOINT), CheckpointCheck.UPDATER_STATE);
        Map<String, String> before = snapshot(dir);
        assertThatThrownBy(() -> Experiment.resume(dir, Progress.quiet()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(dir.resolve(RunDirectory.CHECKPOINT).toString())
                .hasMessageContaining("lacks the optimizer state (updaterState.bin)")
                .hasMessageContaining("Fix: delete it to restart the run from iteration 0, or point resume= at");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"model.dim=8", "optimizer=adam", "train.seed=1"})
    void aCheckpointOfAnotherRunIsRefusedBeforeMetricsAreTouched(String otherRun, @TempDir Path runs)
            throws IOException {
        Path dir = unfinishedRun(runs.resolve("this"), List.of());
        Path other = unfinishedRun(runs.resolve("other"), List.of(otherRun));
        Files.copy(other.resolve(RunDirectory.CHECKPOINT), dir.resolve(RunDirectory.CHECKPOINT),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> before = snapshot(dir);
        assertThatThrownBy(() -> Experiment.resume(dir, Progress.quiet()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("another run")
                .hasMessageContaining("Fix: delete it");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aCorruptCheckpointNamesTheFileWhatIsWrongAndTheFix(@TempDir Path runs) throws IOException {
        Path dir = unfinishedRun(runs, List.of());
        Path checkpoint = dir.resolve(RunDirectory.CHECKPOINT);
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length / 2));   // a truncated copy
        Map<String, String> before = snapshot(dir);
        assertThatThrownBy(() -> Experiment.resume(dir, Progress.quiet()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(checkpoint + ": is not a readable zip archive")
                .hasMessageContaining("corrupt or truncated")
                .hasMessageContaining("Fix: delete it");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aCheckpointNamingALayerClassThisVersionLacksSaysSoAndNothingChanges(@TempDir Path runs) throws IOException {
        Path dir = unfinishedRun(runs, List.of());
        Path checkpoint = dir.resolve(RunDirectory.CHECKPOINT);
        // a suite layer class the configuration names, moved to where it was before the layers had a package:
        // the exact GELU in a network of DL4J layers, the fused patch embedding where the CPU's kernels run
        String moved = "dev.vsgdsuite.suite.layers." + (MixerBlocks.fusedPatchEmbedding() ? "PatchEmbeddingLayer" : "ExactGelu");
        String before = moved.replace(".layers.", ".dl4j.");
        editEntry(checkpoint, CheckpointCheck.CONFIGURATION, json -> {
            assertThat(json).as("the demo network's configuration names " + moved).contains(moved);
            return json.replace(moved, before);
        });
        Map<String, String> files = snapshot(dir);
        assertThatThrownBy(() -> Experiment.resume(dir, Progress.quiet()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(checkpoint.toString())
                .hasMessageContaining("names the class " + before + ", which this version of the suite does not have")
                .hasMessageContaining("written by another version")
                .hasMessageContaining("Fix: delete it");
        assertThat(snapshot(dir)).isEqualTo(files);
    }

    @Test
    void aConfigEditedAfterTheRunStartedIsRefusedNamingTheKeyAndNothingChanges(@TempDir Path runs) throws IOException {
        Path dir = unfinishedRun(runs, List.of());
        Path config = dir.resolve(RunDirectory.CONFIG);
        String yaml = Files.readString(config);
        assertThat(yaml).contains("  lr: 0.01\n");
        Files.writeString(config, yaml.replace("  lr: 0.01\n", "  lr: 0.5\n"));
        Map<String, String> before = snapshot(dir);
        assertThatThrownBy(() -> Experiment.resume(dir, Progress.quiet()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("was trained with another config: optimizer.lr = 0.5 in config.yaml, 0.01 in the checkpoint")
                .hasMessageContaining("Fix: put the value back in config.yaml, or start a new run");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aKeyThatOnlyChangesWhatIsRecordedMayBeEditedBeforeAResume(@TempDir Path runs) throws IOException {
        Path dir = unfinishedRun(runs, List.of());
        Path config = dir.resolve(RunDirectory.CONFIG);
        String yaml = Files.readString(config);
        assertThat(yaml).contains("  log_freq: 5\n");
        Files.writeString(config, yaml.replace("  log_freq: 5\n", "  log_freq: 2\n"));
        assertThat(Experiment.resume(dir, Progress.quiet()).iterations()).isEqualTo(10);
    }

    @Test
    void aTornLastMetricsLineFromAKillIsDroppedAndTheRunResumes(@TempDir Path runs) throws IOException {
        Path dir = unfinishedRun(runs, List.of());
        Path metrics = dir.resolve(RunDirectory.METRICS);
        Files.writeString(metrics, Files.readString(metrics) + "{\"iteration\": 11, \"train_lo",
                java.nio.charset.StandardCharsets.UTF_8);
        RunResult resumed = Experiment.resume(dir, Progress.quiet());
        assertThat(resumed.iterations()).isEqualTo(10);
        assertThat(Files.readString(metrics)).doesNotContain("train_lo\"").endsWith("\n");
        assertThat(new RunDirectory(dir).readMetrics()).isNotEmpty();
    }

    @Test
    void aTornLineInTheMiddleOfTheMetricsIsAnErrorNamingTheFileAndLine(@TempDir Path runs) throws IOException {
        Path dir = unfinishedRun(runs, List.of());
        Path metrics = dir.resolve(RunDirectory.METRICS);
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        lines.add(1, "{\"iteration\": 3, \"tra");
        Files.write(metrics, lines);
        assertThatThrownBy(() -> new RunDirectory(dir).readMetrics())
                .hasMessageStartingWith(metrics + " line 2 is not a JSON object");
    }

    @Test
    void resumingAFinishedRunReturnsItsResultAndChangesNothing(@TempDir Path runs) throws IOException {
        RunResult done = Experiment.run(Experiment.resolve(RUN), runs, RunOptions.quiet());
        Path dir = Path.of(done.runDir());
        Map<String, String> before = snapshot(dir);
        RunResult again = Experiment.resume(dir, Progress.quiet());
        assertThat(again).isEqualTo(done);
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aResumedRunEqualsTheUninterruptedOne(@TempDir Path runs) throws IOException {
        RunConfig config = Experiment.resolve(RUN);
        RunResult straight = Experiment.run(config, runs.resolve("straight"), RunOptions.quiet());
        Path dir = unfinishedRun(runs.resolve("resumed"), List.of());
        RunResult resumed = Experiment.resume(dir, Progress.quiet());
        assertThat(resumed.testAccuracy()).isEqualTo(straight.testAccuracy());
        assertThat(resumed.testLoss()).isEqualTo(straight.testLoss());
    }

    @Test
    void aFailedCheckpointWriteLeavesNoTemporaryFileAndKeepsThePreviousCheckpoint(@TempDir Path runs)
            throws IOException {
        RunResult done = Experiment.run(Experiment.resolve(RUN), runs, RunOptions.quiet());
        RunDirectory dir = new RunDirectory(Path.of(done.runDir()));
        byte[] previous = Files.readAllBytes(dir.file(RunDirectory.CHECKPOINT));
        Checkpointer.Writer diskFull = (graph, state, target) -> {
            try (OutputStream out = Files.newOutputStream(target.toPath())) {
                out.write(new byte[4096]);
                throw new IOException("No space left on device");
            }
        };
        Checkpointer checkpoints = new Checkpointer(dir, new RunIdentity("e", "d", "m", "o", 0), Map.of(), diskFull);
        ComputationGraph graph = Networks.restore(dir.file(RunDirectory.CHECKPOINT).toFile(), true);
        try {
            assertThatThrownBy(() -> checkpoints.save(graph, new TrainerState()))
                    .hasMessageContaining("No space left on device");
        } finally {
            graph.close();
        }
        assertThat(dir.file(RunDirectory.CHECKPOINT + ".tmp")).doesNotExist();
        assertThat(Files.readAllBytes(dir.file(RunDirectory.CHECKPOINT))).isEqualTo(previous);
    }

    /** Every file of the folder (but the lock file, which each process rewrites) with a digest of its bytes. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.getFileName().toString().equals(RunLock.FILE)) {
                    files.put(p.getFileName().toString(), java.util.Arrays.toString(digest(Files.readAllBytes(p))));
                }
            }
        }
        return files;
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rewrites the zip {@code file} with its text entry {@code name} changed by {@code edit}. */
    static void editEntry(Path file, String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        String text;
        try (ZipFile in = new ZipFile(file.toFile())) {
            text = new String(in.getInputStream(in.getEntry(name)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] edited = edit.apply(text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        withoutEntry(file, name);
        Path copy = file.resolveSibling(file.getFileName() + ".edit");
        try (ZipFile in = new ZipFile(file.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.getInputStream(e).transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(edited);
            out.closeEntry();
        }
        Files.move(copy, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Rewrites the zip {@code file} without the entry {@code name} (as {@code zip -d} does). */
    static void withoutEntry(Path file, String name) throws IOException {
        Path copy = file.resolveSibling(file.getFileName() + ".edit");
        try (ZipFile in = new ZipFile(file.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                if (!e.getName().equals(name)) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.getInputStream(e).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(copy, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
