package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@code bench-report}'s reader of JMH JSON results ({@link BenchSummary#read}) and the table
 * made from what it read ({@link BenchSummary#markdown}).
 *
 * <p>Contract: rows and a table, or an {@link IOException} whose message names the file; nothing
 * else escapes.
 */
class BenchSummaryFuzzTest {

    private static final Path FILE = tempFile();

    @FuzzTest
    void jmhJson(byte[] input) throws IOException {
        Files.write(FILE, input);
        try {
            assertThat(BenchSummary.markdown(BenchSummary.read(FILE))).isNotBlank();
        } catch (IOException e) {
            assertThat(e.getMessage()).contains(FILE.toString());
        }
    }

    private static Path tempFile() {
        try {
            return Files.createTempDirectory("vsgd-fuzz-bench-").resolve("jmh.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
