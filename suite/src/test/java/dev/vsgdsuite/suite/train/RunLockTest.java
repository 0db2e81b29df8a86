package dev.vsgdsuite.suite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vsgdsuite.suite.experiment.RunOptions;
import dev.vsgdsuite.suite.experiment.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process at a time trains in a run folder: a second one stops at once, naming the holder. */
class RunLockTest {

    @Test
    void aResumeStopsAtOnceWhileAnotherProcessHoldsTheFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RunDirectory.CONFIG), "experiment: held\n");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, HoldRunLock.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> Experiment.resume(dir, Progress.quiet()))
                    .isInstanceOf(RunFolderLockedException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(dir + " is in use by another run (pid " + holder.pid() + ", started ")
                    .hasMessageContaining("wait for it to finish or stop it");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).as("stops at once").isLessThan(5);
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (RunDirectory.Lease lock = new RunDirectory(dir).lock()) {
            assertThat(Files.readString(dir.resolve(RunLock.FILE))).startsWith("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void twoRunsInOneProcessCannotShareAFolderAndTheLockIsReleasedAfterTheRun(@TempDir Path dir) {
        RunDirectory first = new RunDirectory(dir);
        RunDirectory second = new RunDirectory(dir);
        try (RunDirectory.Lease outer = first.lock(); RunDirectory.Lease nested = first.lock()) {
            assertThatThrownBy(second::lock).isInstanceOf(RunFolderLockedException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        try (RunDirectory.Lease again = second.lock()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aFreshRunHoldsItsFolderWhileItTrains(@TempDir Path runs) {
        RunResult r = Experiment.run(Experiment.resolve(List.of("experiment=fashion_convmixer_demo",
                "dataset=fashion_mnist_subset", "optimizer=adam", "train.max_iter=2", "train.save_freq=2")), runs,
                RunOptions.quiet());
        assertThat(Path.of(r.runDir()).resolve(RunLock.FILE)).content().startsWith("pid " + ProcessHandle.current().pid());
    }
}
