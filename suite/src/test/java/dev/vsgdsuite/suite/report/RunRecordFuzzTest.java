package dev.vsgdsuite.suite.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vsgdsuite.suite.train.RunDirectory;

/**
 * Fuzzes {@link RunRecord#read}, the report's reader of a run folder, on its {@code result.json} and
 * {@code metrics.jsonl}.
 *
 * <p>Contract: it returns a record, or throws an {@link UncheckedIOException} or
 * {@link IllegalArgumentException} whose message names the run folder; nothing else escapes.
 *
 * <p>Input layout: a 4-byte big-endian length {@code n}, then {@code n} bytes of result.json, then
 * metrics.jsonl.
 */
class RunRecordFuzzTest {

    private static final Path RUN = tempDir();

    @FuzzTest
    void resultAndMetrics(byte[] input) throws IOException {
        int n = input.length < 4 ? 0 : (int) Math.min(ByteBuffer.wrap(input).getInt() & 0x7fffffffL, input.length - 4);
        int from = Math.min(4, input.length);
        Files.write(RUN.resolve(RunDirectory.RESULT), Arrays.copyOfRange(input, from, from + n));
        Files.write(RUN.resolve(RunDirectory.METRICS), Arrays.copyOfRange(input, from + n, input.length));
        try {
            RunRecord.read(RUN);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            assertThat(e.getMessage()).contains(RUN.toString());
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("vsgd-fuzz-run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
