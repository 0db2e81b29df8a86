package dev.vsgdsuite.suite.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.experiment.RunOptions;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.vsgd.HostArrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training process is killed (SIGKILL) after its second checkpoint; {@code resume=} continues
 * it, and its metrics and result equal those of an uninterrupted run bit for bit (timings aside).
 */
@Tag("cuda-path")
class ResumeAfterKillTest {

    /** The run; shorter on the emulated CUDA path, whose composed layers make an iteration several times slower. */
    static final int ITERATIONS = HostArrays.emulatingCuda() ? 60 : 150;
    static final int SAVE_EVERY = HostArrays.emulatingCuda() ? 10 : 20;
    static final int KILL_AFTER = HostArrays.emulatingCuda() ? 25 : 45;
    static final List<String> ARGS = List.of("experiment=fashion_convmixer_demo", "dataset=fashion_mnist_subset",
            "optimizer=vsgd", "train.max_iter=" + ITERATIONS, "train.save_freq=" + SAVE_EVERY, "train.log_freq=5",
            "train.eval_test_freq=50", "train.optimizer_log_freq=10");

    @Test
    void killedRunResumesToTheUninterruptedResult(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        Process process = startRun(runs, tmp.resolve("killed.log"));
        Path runDir = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                runDir = onlyRun(runs);
                if (runDir != null && lastIteration(new RunDirectory(runDir)) >= KILL_AFTER) {
                    break;
                }
                assertThat(process.isAlive()).as("the run finished or failed before it could be killed; log:\n"
                        + readLog(tmp.resolve("killed.log"))).isTrue();
                Thread.sleep(20);
            }
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(runDir).as("run folder").isNotNull();
        RunDirectory killed = new RunDirectory(runDir);
        long loggedWhenKilled = lastIteration(killed);
        assertThat(loggedWhenKilled).as("killed mid-run").isBetween((long) KILL_AFTER, ITERATIONS - 1L);
        assertThat(killed.file(RunDirectory.RESULT)).doesNotExist();
        assertThat(killed.file(RunDirectory.CHECKPOINT)).exists();

        RunResult resumed = Experiment.resume(runDir, Progress.quiet());
        RunConfig config = Experiment.resolve(ARGS);
        RunResult straight = Experiment.run(config, tmp.resolve("straight"), RunOptions.quiet());

        assertThat(resumed.iterations()).isEqualTo(ITERATIONS);
        assertThat(resumed.testAccuracy()).isEqualTo(straight.testAccuracy());
        assertThat(resumed.testLoss()).isEqualTo(straight.testLoss());
        assertThat(TrainerTest.withoutTimings(killed.readMetrics()))
                .isEqualTo(TrainerTest.withoutTimings(new RunDirectory(Path.of(straight.runDir())).readMetrics()));
    }

    private static Process startRun(Path runs, Path log) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // This JVM's own options (test.jvm.args): the same kernels and memory bounds, since the SIMD GELU
        // and batch norm round differently from nd4j's ops.
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", classpath, "-D" + ProjectPaths.ROOT_PROPERTY + "=" + ProjectPaths.root(),
                "dev.vsgdsuite.suite.cli.Main", "run", "--runs", runs.toString()));
        cmd.addAll(ARGS);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private static Path onlyRun(Path runs) throws Exception {
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }

    private static long lastIteration(RunDirectory dir) {
        try {
            List<JsonNode> m = dir.readMetrics();
            return m.isEmpty() ? 0 : m.get(m.size() - 1).get("iteration").asLong();
        } catch (RuntimeException e) {
            return 0;   // a line half-written at the moment we read: try again
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log)";
        }
    }

}
