package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the Tiny ImageNet reader: image decoding ({@link TinyImageNetReader#decodeRgb}) and the
 * text files that label the validation split ({@code wnids.txt}, {@code val/val_annotations.txt},
 * read by {@link TinyImageNetReader#readVal} over two real JPEGs).
 *
 * <p>Contract: a decoded image is 3×64×64 bytes and a read split has one label per image in the
 * class range; otherwise a {@link DatasetFormatException} with a message; nothing else escapes, and
 * an image header claiming a huge size is refused before its raster is allocated.
 *
 * <p>Input of {@code wnidsAndAnnotations}: a 4-byte big-endian length {@code n}, then {@code n} bytes
 * of wnids.txt, then val_annotations.txt.
 */
class TinyImageNetReaderFuzzTest {

    private static final Path DIR = IdxReaderFuzzTest.tempDir();
    private static final Path SET = valFolderWithTwoImages();

    @FuzzTest
    void image(byte[] input) throws IOException {
        Path file = DIR.resolve("fuzz.JPEG");
        Files.write(file, input);
        try {
            assertThat(TinyImageNetReader.decodeRgb(file)).hasSize(3 * TinyImageNetReader.SIDE * TinyImageNetReader.SIDE);
        } catch (DatasetFormatException e) {
            assertThat(e.getMessage()).startsWith(file.toString());
        }
    }

    @FuzzTest
    void wnidsAndAnnotations(byte[] input) throws IOException {
        byte[][] parts = IdxReaderFuzzTest.split(input);
        Files.write(SET.resolve(TinyImageNetReader.WNIDS_FILE), parts[0]);
        Files.write(SET.resolve(TinyImageNetReader.VAL_ANNOTATIONS), parts[1]);
        try {
            ImageSet val = TinyImageNetReader.readVal(SET, "fuzz");
            assertThat(val.size()).isEqualTo(2);
        } catch (DatasetFormatException e) {
            assertThat(e.getMessage()).isNotBlank().contains("Fix:");
        }
    }

    private static Path valFolderWithTwoImages() {
        try {
            Path set = IdxReaderFuzzTest.tempDir();
            Path images = Files.createDirectories(set.resolve("val").resolve("images"));
            for (int i = 0; i < 2; i++) {
                BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                image.setRGB(i, i, 0xff8040);
                ImageIO.write(image, "jpeg", images.resolve("val_" + i + ".JPEG").toFile());
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
