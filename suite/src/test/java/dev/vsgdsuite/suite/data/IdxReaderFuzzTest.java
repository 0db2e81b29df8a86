package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link IdxReader#read} on an images file and a labels file (gzipped or not).
 *
 * <p>Contract: it returns a set whose images and labels agree with the files, or throws a
 * {@link DatasetFormatException} naming one of the two files; nothing else escapes, and no
 * allocation exceeds what the file holds (a header claiming 2³¹ images is refused by size).
 *
 * <p>Input layout: a 4-byte big-endian length {@code n}, then {@code n} bytes of the images file,
 * then the labels file (seeds in {@code IdxReaderFuzzTestInputs/imagesAndLabels}).
 */
class IdxReaderFuzzTest {

    private static final Path DIR = tempDir();

    @FuzzTest
    void imagesAndLabels(byte[] input) throws IOException {
        byte[][] parts = split(input);
        Path images = DIR.resolve("images-idx3-ubyte");
        Path labels = DIR.resolve("labels-idx1-ubyte");
        Files.write(images, parts[0]);
        Files.write(labels, parts[1]);
        try {
            ImageSet set = IdxReader.read(images, labels, "fuzz", 10, null);
            assertThat(set.size()).isPositive();
            assertThat(set.channels()).isEqualTo(1);
        } catch (DatasetFormatException e) {
            assertThat(e.file()).isIn(images, labels);
            assertThat(e.getMessage()).startsWith(e.file().toString());
        }
    }

    /** {@code input} as two byte arrays: a 4-byte length, that many bytes, the rest. */
    static byte[][] split(byte[] input) {
        if (input.length < 4) {
            return new byte[][] {new byte[0], input};
        }
        int n = (int) Math.min(ByteBuffer.wrap(input).getInt() & 0x7fffffffL, input.length - 4);
        return new byte[][] {Arrays.copyOfRange(input, 4, 4 + n), Arrays.copyOfRange(input, 4 + n, input.length)};
    }

    static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("vsgd-fuzz-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
