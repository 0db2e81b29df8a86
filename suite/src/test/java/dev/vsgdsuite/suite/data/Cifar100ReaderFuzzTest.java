package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link Cifar100Reader#read} on one binary file.
 *
 * <p>Contract: it returns one image per 3,074-byte record (fine labels 0..99), or throws a
 * {@link DatasetFormatException} naming the file; nothing else escapes.
 */
class Cifar100ReaderFuzzTest {

    private static final Path FILE = IdxReaderFuzzTest.tempDir().resolve("train.bin");

    @FuzzTest
    void binaryFile(byte[] input) throws IOException {
        Files.write(FILE, input);
        try {
            ImageSet set = Cifar100Reader.read(FILE, "fuzz");
            assertThat((long) set.size() * Cifar100Reader.RECORD_BYTES).isEqualTo(input.length);
        } catch (DatasetFormatException e) {
            assertThat(e.file()).isEqualTo(FILE);
            assertThat(e.getMessage()).startsWith(FILE.toString()).contains("Fix:");
        }
    }
}
