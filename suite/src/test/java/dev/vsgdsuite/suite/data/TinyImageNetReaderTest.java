package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vsgdsuite.suite.runtime.ProjectPaths;

/** The Tiny ImageNet reader on the shipped fixture and on broken copies of it. */
class TinyImageNetReaderTest {

    static final Path FIXTURE = ProjectPaths.fixtures().resolve("tiny-imagenet-tiny/tiny-imagenet-200");

    @TempDir
    Path dir;

    @Test
    void trainHasEightImagesPerClassInWnidOrderWithTheClassCountFromWnids() {
        ImageSet train = TinyImageNetReader.readTrain(FIXTURE, "train");

        assertThat(train.size()).isEqualTo(32);
        assertThat(train.numClasses()).isEqualTo(4);
        assertThat(train.classNames()).containsExactlyElementsOf(FixtureGenerator.TINY_WNIDS);
        assertThat(new int[] {train.channels(), train.height(), train.width()}).containsExactly(3, 64, 64);
        for (int i = 0; i < 32; i++) {
            assertThat(train.label(i)).as("image %d", i).isEqualTo(i / 8);
        }
    }

    @Test
    void valIsLabelledByTheAnnotationsInFileNameOrder() {
        ImageSet val = TinyImageNetReader.readVal(FIXTURE, "val");
        List<Integer> classes = FixtureGenerator.tinyValClasses();

        assertThat(val.size()).isEqualTo(16);
        assertThat(val.classCounts()).containsExactly(4, 4, 4, 4);
        // sorted names: val_0, val_1, val_10, ..., val_15, val_2, ...
        List<String> sorted = java.util.stream.IntStream.range(0, 16).mapToObj(i -> "val_" + i + ".JPEG").sorted()
                .toList();
        for (int k = 0; k < 16; k++) {
            int index = Integer.parseInt(sorted.get(k).replaceAll("\\D", ""));
            assertThat(val.label(k)).as(sorted.get(k)).isEqualTo(classes.get(index));
        }
    }

    @Test
    void decodedPixelsMatchTheImagesBeforeJpegInRgbPlaneOrder() {
        ImageSet train = TinyImageNetReader.readTrain(FIXTURE, "train");
        for (int k = 0; k < 4; k++) {
            byte[] decoded = train.image(8 * k + 1);
            byte[] original = FixtureGenerator.tinyTrainImage(k, 1);
            // JPEG at quality 0.9 loses the fine noise but keeps each plane's mean almost exactly
            assertThat(meanAbsDiff(decoded, original)).as("class %d", k).isLessThan(8.0);
            for (int c = 0; c < 3; c++) {
                assertThat(planeMean(decoded, c)).as("class %d plane %d", k, c)
                        .isCloseTo(planeMean(original, c), within(1.5));
            }
            // the disc's colour makes R and B differ, so a B, G, R read would fail the check above
            assertThat(Math.abs(planeMean(original, 0) - planeMean(original, 2))).as("class %d", k)
                    .isGreaterThan(3.0);
        }
    }

    @Test
    void aGreyJpegIsExpandedToThreeEqualChannels() {
        ImageSet train = TinyImageNetReader.readTrain(FIXTURE, "train");
        byte[] grey = train.image(7); // class 0, image 7: the fixture's one grey JPEG
        for (int i = 0; i < 4096; i++) {
            assertThat(grey[4096 + i]).isEqualTo(grey[i]);
            assertThat(grey[2 * 4096 + i]).isEqualTo(grey[i]);
        }
        assertThat(meanAbsDiff(grey, FixtureGenerator.tinyTrainImage(0, 7))).isLessThan(8.0);
        byte[] colour = train.image(6);
        boolean differs = false;
        for (int i = 0; i < 4096 && !differs; i++) {
            differs = colour[i] != colour[2 * 4096 + i];
        }
        assertThat(differs).as("a colour image has distinct planes").isTrue();
    }

    @Test
    void loadingTwiceGivesIdenticalImages() {
        ImageSet a = TinyImageNetReader.readVal(FIXTURE, "val");
        ImageSet b = TinyImageNetReader.readVal(FIXTURE, "val");
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.image(i)).isEqualTo(b.image(i));
        }
    }

    @Test
    void missingWnidsIsNamedWithTheFix() throws IOException {
        Path copy = copyFixture();
        Files.delete(copy.resolve("wnids.txt"));

        assertThatThrownBy(() -> TinyImageNetReader.readTrain(copy, "train"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(copy.resolve("wnids.txt").toString())
                .hasMessageContaining("missing")
                .hasMessageContaining("Fix: unzip the official tiny-imagenet-200.zip");
    }

    @Test
    void anUnreadableJpegIsNamedWithTheFix() throws IOException {
        Path copy = copyFixture();
        Path bad = copy.resolve("train/n01629819/images/n01629819_3.JPEG");
        Files.write(bad, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3, 4});

        assertThatThrownBy(() -> TinyImageNetReader.readTrain(copy, "train"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("cannot be decoded")
                .hasMessageContaining("Fix: unzip the official tiny-imagenet-200.zip");
    }

    @Test
    void aValWnidNotInWnidsIsALabelOutsideTheClassRange() throws IOException {
        Path copy = copyFixture();
        Path annotations = copy.resolve("val/val_annotations.txt");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(annotations));
        lines.set(2, "val_2.JPEG\tn99999999\t0\t0\t10\t10");
        Files.write(annotations, lines);

        assertThatThrownBy(() -> TinyImageNetReader.readVal(copy, "val"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(annotations.toString())
                .hasMessageContaining("line 3 labels val_2.JPEG with n99999999, which is not in wnids.txt")
                .hasMessageContaining("outside the class range 0..3")
                .hasMessageContaining("Fix: use the val/ folder and wnids.txt of the same");
    }

    private Path copyFixture() throws IOException {
        Path target = dir.resolve("tiny-imagenet-200");
        try (var paths = Files.walk(FIXTURE)) {
            for (Path p : paths.toList()) {
                Path to = target.resolve(FIXTURE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    private static double planeMean(byte[] chw, int c) {
        double sum = 0;
        for (int i = c * 4096; i < (c + 1) * 4096; i++) {
            sum += chw[i] & 0xff;
        }
        return sum / 4096;
    }

    private static double meanAbsDiff(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / a.length;
    }
}
