package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vsgdsuite.suite.runtime.ProjectPaths;

/** The CIFAR-100 binary reader on the shipped fixture and on broken files. */
class Cifar100ReaderTest {

    static final Path FIXTURE = ProjectPaths.fixtures().resolve("cifar100-tiny/cifar-100-binary");

    @TempDir
    Path dir;

    @Test
    void theFixtureLoadsWithItsCountsFineLabelsAndPlanes() {
        ImageSet train = Cifar100Reader.readSplit(FIXTURE, false, "train");
        ImageSet test = Cifar100Reader.readSplit(FIXTURE, true, "test");

        assertThat(train.size()).isEqualTo(200);
        assertThat(test.size()).isEqualTo(50);
        assertThat(train.numClasses()).isEqualTo(100);
        assertThat(new int[] {train.channels(), train.height(), train.width()}).containsExactly(3, 32, 32);
        Map<Integer, Integer> perLabel = new TreeMap<>();
        for (int i = 0; i < train.size(); i++) {
            perLabel.merge(train.label(i), 1, Integer::sum);
        }
        assertThat(perLabel.keySet()).containsExactly(Arrays.stream(FixtureGenerator.CIFAR_FINE_LABELS).boxed()
                .toArray(Integer[]::new));
        assertThat(perLabel.values()).containsOnly(20);
        // The generator's marker at pixel (0,0): R = fine label, G = 255 - fine, B = record index.
        // It pins the record alignment, the fine (not coarse) label and the R, G, B plane order.
        for (int i = 0; i < train.size(); i++) {
            byte[] img = train.image(i);
            assertThat(img[0] & 0xff).as("R marker of record %d", i).isEqualTo(train.label(i));
            assertThat(img[1024] & 0xff).as("G marker of record %d", i).isEqualTo(255 - train.label(i));
            assertThat(img[2048] & 0xff).as("B marker of record %d", i).isEqualTo(i);
        }
    }

    @Test
    void aFileSizeNotAMultipleOfTheRecordNamesTheFileAndTheFix() throws IOException {
        Path file = Files.write(dir.resolve("train.bin"), new byte[3074 * 2 + 100]);

        assertThatThrownBy(() -> Cifar100Reader.read(file, "train"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("6248 bytes, not a positive multiple of the 3074-byte")
                .hasMessageContaining("truncated download?")
                .hasMessageContaining("re-download the official binary archive cifar-100-binary.tar.gz");
    }

    @Test
    void aFineLabelOutsideTheClassRangeNamesFileAndRecord() throws IOException {
        byte[] bytes = new byte[3074 * 3];
        bytes[3074 * 2 + 1] = (byte) 100;
        Path file = Files.write(dir.resolve("test.bin"), bytes);

        assertThatThrownBy(() -> Cifar100Reader.read(file, "test"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("record 2 (byte offset 6148) has fine label 100, outside the class range 0..99")
                .hasMessageContaining("Fix: re-download");
    }

    @Test
    void aMissingSplitFileIsNamed() {
        assertThatThrownBy(() -> Cifar100Reader.readSplit(dir, true, "test"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(dir.resolve("test.bin").toString())
                .hasMessageContaining("missing");
    }
}
