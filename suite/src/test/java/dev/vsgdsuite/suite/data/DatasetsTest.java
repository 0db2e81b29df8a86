package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import dev.vsgdsuite.suite.runtime.ProjectPaths;

/** Loading by name: splits, the CIFAR-100 validation hold-out, pipelines. */
class DatasetsTest {

    @TempDir
    Path dir;

    /** A CIFAR-100 binary file of {@code records} random records. */
    private static void writeCifar(Path file, int records, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] bytes = new byte[records * Cifar100Reader.RECORD_BYTES];
        for (int r = 0; r < records; r++) {
            int at = r * Cifar100Reader.RECORD_BYTES;
            bytes[at + 1] = (byte) rng.nextInt(100);
            for (int p = 0; p < 16; p++) {
                bytes[at + 2 + p] = (byte) rng.nextInt(256); // enough to make the images distinct
            }
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    @Test
    void cifar100HoldsOut256TrainingImagesDisjointFromTrain() throws IOException {
        writeCifar(dir.resolve("cifar-100-binary/train.bin"), 1500, 1);
        writeCifar(dir.resolve("cifar-100-binary/test.bin"), 10, 2);

        DataModule data = Datasets.load(DatasetId.CIFAR100, dir, new DatasetLocator(dir));
        DataModule again = Datasets.load(DatasetId.CIFAR100, dir, new DatasetLocator(dir));

        assertThat(data.folder()).isEqualTo(dir.resolve("cifar-100-binary"));
        assertThat(data.validation().size()).isEqualTo(256);
        assertThat(data.train().size()).isEqualTo(1500 - 256);
        assertThat(data.test().size()).isEqualTo(10);
        assertThat(data.validation().name()).isEqualTo("cifar100/validation");
        Set<byte[]> train = identitySet(data.train());
        Set<byte[]> validation = identitySet(data.validation());
        assertThat(train).hasSize(1244).doesNotContainAnyElementsOf(validation);
        ImageSet all = Cifar100Reader.read(dir.resolve("cifar-100-binary/train.bin"), "all");
        for (int v = 0; v < 256; v++) {
            // the same images on every load (fixed seed), compared by content across the two loads
            assertThat(again.validation().image(v)).isEqualTo(data.validation().image(v));
        }
        int matched = 0;
        for (int i = 0; i < all.size(); i++) {
            for (int v = 0; v < 256; v++) {
                if (java.util.Arrays.equals(all.image(i), data.validation().image(v))) {
                    matched++;
                    break;
                }
            }
        }
        assertThat(matched).as("every validation image is a training-file image").isEqualTo(256);
        assertThat(data.trainPipeline().name()).isEqualTo("cifar100-train");
        assertThat(data.testPipeline().name()).isEqualTo("cifar100-test");
    }

    @Test
    void theHeldOutImagesAreTheLastOfTheSeedZeroPermutation() {
        ImageSet set = TestImages.indexed(200, 2);
        ImageSet[] split = Datasets.holdOut(set, 30, 0);
        int[] perm = new int[200];
        for (int i = 0; i < 200; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(0);
        for (int i = 199; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] expected = java.util.Arrays.copyOfRange(perm, 170, 200);
        java.util.Arrays.sort(expected);
        for (int k = 0; k < 30; k++) {
            assertThat(split[1].image(k)[0] & 0xff).isEqualTo(expected[k]);
        }
        assertThat(split[0].size()).isEqualTo(170);
    }

    @Test
    void theCifarFixtureLoadsAndBatchesThroughTheAuthorsPipelines() {
        DataModule data = Datasets.load("cifar100", ProjectPaths.fixtures().resolve("cifar100-tiny"));

        assertThat(data.train().size() + data.validation().size()).isEqualTo(200);
        assertThat(data.validation().size()).isEqualTo(40); // a fifth: too small to spare 256
        assertThat(data.numClasses()).isEqualTo(100);
        try (ImageBatches train = data.trainBatches(32, 1); ImageBatches test = data.testBatches(32)) {
            DataSet batch = train.next();
            assertThat(batch.getFeatures().shape()).containsExactly(32, 3, 32, 32);
            assertThat(batch.getLabels().shape()).containsExactly(32, 100);
            assertThat(train.batchesPerEpoch()).isEqualTo(5);
            assertThat(test.batchesPerEpoch()).isEqualTo(2);
        }
    }

    @Test
    void theTinyImageNetFixtureLoadsWithValAsTest() {
        DataModule data = Datasets.load("tiny_imagenet", ProjectPaths.fixtures().resolve("tiny-imagenet-tiny"));

        assertThat(data.train().size()).isEqualTo(32);
        assertThat(data.test().size()).isEqualTo(16);
        assertThat(data.validation()).isNull();
        assertThat(data.numClasses()).isEqualTo(4);
        assertThat(data.trainPipeline().name()).isEqualTo("tiny-imagenet-train");
        try (ImageBatches train = data.trainBatches(8, 0)) {
            assertThat(train.next().getFeatures().shape()).containsExactly(8, 3, 64, 64);
        }
    }

    @Test
    @Tag("host-tools")
    void theRealFashionMnistLoadsFromTheDebianPackage() {
        TestImages.requireDebianFashionMnist();
        DataModule data = Datasets.load(DatasetId.FASHION_MNIST, null,
                new DatasetLocator(dir)); // an empty project root: only the Debian folder qualifies

        assertThat(data.folder()).isEqualTo(DatasetLocator.DEBIAN_FASHION_MNIST);
        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        assertThat(data.train().classCounts()).containsOnly(6000);
    }

    private static Set<byte[]> identitySet(ImageSet set) {
        Set<byte[]> s = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < set.size(); i++) {
            s.add(set.image(i));
        }
        return s;
    }
}
