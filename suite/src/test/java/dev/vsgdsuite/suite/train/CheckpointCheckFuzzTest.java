package dev.vsgdsuite.suite.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import dev.vsgdsuite.suite.experiment.Experiment;

/**
 * Fuzzes the checks a resume makes on {@code checkpoint.zip} ({@link CheckpointCheck#verify}) before
 * DL4J restores anything, against the run config {@link #ARGS} (a tiny ConvMixer, so that the seed,
 * a real checkpoint of that run, stays small).
 *
 * <p>Contract: the trainer state of a checkpoint that passes every check, or a
 * {@link CheckpointException} naming the file and the fix; nothing else escapes, and nothing the
 * archive claims is allocated beyond the sizes the run's network has.
 */
class CheckpointCheckFuzzTest {

    /** The run the seed checkpoint {@code CheckpointCheckFuzzTestInputs/checkpointZip/demo-checkpoint.zip} is from. */
    static final List<String> ARGS = List.of("experiment=fashion_convmixer_demo", "dataset=fashion_mnist_subset",
            "optimizer=vsgd", "model.dim=4", "model.depth=1", "train.max_iter=2", "train.save_freq=2",
            "train.log_freq=1", "train.eval_test_freq=2", "train.test_batch_size=64");

    private static final CheckpointExpectation EXPECTED = expectation();
    private static final Path FILE = tempFile();

    @FuzzTest
    void checkpointZip(byte[] input) throws IOException {
        Files.write(FILE, input);
        try {
            TrainerState state = CheckpointCheck.verify(FILE, EXPECTED);
            assertThat(state.iteration).isBetween(0L, 2L);
        } catch (CheckpointException e) {
            assertThat(e.getMessage()).startsWith(FILE.toString()).contains("Fix: delete it");
        }
    }

    private static CheckpointExpectation expectation() {
        Dl4jRuntime.init();
        RunConfig config = Experiment.resolve(ARGS);
        return CheckpointExpectation.of(config, Experiment.network(config));
    }

    private static Path tempFile() {
        try {
            return Files.createTempDirectory("vsgd-fuzz-checkpoint-").resolve(RunDirectory.CHECKPOINT);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
