package dev.vsgdsuite.suite.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.config.TunedOverlay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers running at once neither share a temporary file nor drop each other's change. */
class AtomicFilesTest {

    @Test
    void concurrentWritesOfOneFileEachLandWholeAndLeaveNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("RESULTS.md");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String text = ("writer " + w + "\n").repeat(2000);
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        AtomicFiles.write(file, text);
                    }
                }));
            }
            for (Future<?> f : writes) {
                f.get();   // a shared temporary file shows here as NoSuchFileException from a rename
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2000).containsOnly(lines.get(0));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("RESULTS.md");
        }
    }

    @Test
    void twoTunesRecordingAtOnceKeepBothWinners(@TempDir Path dir) throws Exception {
        Path overlay = dir.resolve("tuned").resolve("exp.yaml");
        List<String> optimizers = List.of("vsgd", "adam", "sgd", "adamw");
        ExecutorService pool = Executors.newFixedThreadPool(optimizers.size());
        try {
            List<Future<?>> tunes = new ArrayList<>();
            for (String o : optimizers) {
                tunes.add(pool.submit(() -> {
                    for (int i = 1; i <= 10; i++) {
                        TunedOverlay.record(overlay, "exp", o, i * 1e-3, null);
                    }
                }));
            }
            for (Future<?> f : tunes) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        TunedOverlay result = TunedOverlay.readIfPresent(overlay);
        assertThat(result.optimizers()).containsOnlyKeys(optimizers);
        assertThat(result.optimizers().values()).allSatisfy(r -> assertThat(r.lr()).isEqualTo(1e-2));
    }
}
