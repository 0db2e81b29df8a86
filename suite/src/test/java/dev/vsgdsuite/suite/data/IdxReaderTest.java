package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader: gzipped and plain files, and one clear message per kind of broken file. */
class IdxReaderTest {

    @TempDir
    Path dir;

    /** IDX images: {@code count} images of 2x3 whose pixels are (i*6 + p). */
    private static byte[] images(int magic, int count, int extraBytes) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 6 + Math.max(0, extraBytes));
        b.putInt(magic).putInt(count).putInt(2).putInt(3);
        for (int i = 0; i < count * 6; i++) {
            b.put((byte) i);
        }
        byte[] all = b.array();
        return extraBytes < 0 ? Arrays.copyOf(all, all.length + extraBytes) : all;
    }

    private static byte[] labels(int magic, int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path writeGz(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        FixtureGenerator.writeGzip(p, bytes);
        return p;
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        Path img = write("plain-images", images(2051, 3, 0));
        Path lab = write("plain-labels", labels(2049, 4, 0, 9));
        // gzip is detected from the magic bytes, so a .gz name is not needed (nor sufficient)
        Path imgGz = writeGz("gz-images", images(2051, 3, 0));
        Path labGz = writeGz("gz-labels", labels(2049, 4, 0, 9));

        ImageSet plain = IdxReader.read(img, lab, "plain", 10, null);
        ImageSet gz = IdxReader.read(imgGz, labGz, "gz", 10, null);

        for (ImageSet s : new ImageSet[] {plain, gz}) {
            assertThat(s.size()).isEqualTo(3);
            assertThat(s.channels()).isEqualTo(1);
            assertThat(s.height()).isEqualTo(2);
            assertThat(s.width()).isEqualTo(3);
            assertThat(s.image(1)).containsExactly(6, 7, 8, 9, 10, 11);
            assertThat(new int[] {s.label(0), s.label(1), s.label(2)}).containsExactly(4, 0, 9);
        }
    }

    @Test
    void readSplitFindsTheStandardNamesGzippedOrNot() throws IOException {
        writeGz(IdxReader.TRAIN_IMAGES + ".gz", images(2051, 2, 0));
        writeGz(IdxReader.TRAIN_LABELS + ".gz", labels(2049, 1, 2));
        write(IdxReader.TEST_IMAGES, images(2051, 1, 0));
        write(IdxReader.TEST_LABELS, labels(2049, 3));

        assertThat(IdxReader.readSplit(dir, false, "t", null).size()).isEqualTo(2);
        assertThat(IdxReader.readSplit(dir, true, "t", null).label(0)).isEqualTo(3);
    }

    @Test
    void wrongMagicNamesTheFileAndSaysTheFilesAreSwapped() throws IOException {
        Path img = write("train-images-idx3-ubyte", labels(2049, 1, 2));
        Path lab = write("train-labels-idx1-ubyte", images(2051, 2, 0));

        assertThatThrownBy(() -> IdxReader.read(img, lab, "t", 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(img.toString())
                .hasMessageContaining("magic number is 2049, expected 2051")
                .hasMessageContaining("swapped")
                .hasMessageContaining("Fix: replace it with the original file");
    }

    @Test
    void imageAndLabelCountsThatDifferNameBothFiles() throws IOException {
        Path img = write("images", images(2051, 3, 0));
        Path lab = write("labels", labels(2049, 1, 2));

        assertThatThrownBy(() -> IdxReader.read(img, lab, "t", 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(lab.toString())
                .hasMessageContaining(img.toString())
                .hasMessageContaining("has 2 labels but the images file")
                .hasMessageContaining("has 3 images")
                .hasMessageContaining("Fix: use the images and labels files of the same split");
    }

    @Test
    void aFileShorterThanItsHeaderSaysIsReportedAsTruncated() throws IOException {
        Path img = writeGz("images.gz", images(2051, 3, -5));
        Path lab = write("labels", labels(2049, 1, 2, 3));

        assertThatThrownBy(() -> IdxReader.read(img, lab, "t", 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(img.toString())
                .hasMessageContaining("header says 3 images of 2x3 (34 bytes) but the data has 29 bytes")
                .hasMessageContaining("truncated download?");
    }

    @Test
    void aLabelOutsideTheClassRangeNamesFileAndItem() throws IOException {
        Path img = write("images", images(2051, 3, 0));
        Path lab = write("labels", labels(2049, 1, 10, 3));

        assertThatThrownBy(() -> IdxReader.read(img, lab, "t", 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(lab.toString())
                .hasMessageContaining("label 10 of item 1 is outside the class range 0..9")
                .hasMessageContaining("Fix:");
    }

    @Test
    void aCorruptGzipFileIsReportedNotThrownFromInsideTheDecompressor() throws IOException {
        byte[] gz = Files.readAllBytes(writeGz("tmp.gz", images(2051, 50, 0)));
        Path broken = write("broken.gz", Arrays.copyOf(gz, gz.length / 2));
        Path lab = write("labels", labels(2049, 1));

        assertThatThrownBy(() -> IdxReader.read(broken, lab, "t", 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("cannot be decompressed")
                .hasMessageContaining("Fix:");
    }

    @Test
    void aMissingFileOfASplitIsNamed() throws IOException {
        write(IdxReader.TRAIN_IMAGES, images(2051, 1, 0));

        assertThatThrownBy(() -> IdxReader.readSplit(dir, false, "t", null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(dir.resolve(IdxReader.TRAIN_LABELS + ".gz").toString())
                .hasMessageContaining("missing")
                .hasMessageContaining("Fix: put the four IDX files");
    }
}
