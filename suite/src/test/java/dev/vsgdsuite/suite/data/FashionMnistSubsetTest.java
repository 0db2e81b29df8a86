package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.vsgdsuite.suite.runtime.ProjectPaths;

/** The shipped Fashion-MNIST subset loads by name through the real IDX reader. */
class FashionMnistSubsetTest {

    @Test
    void loadsThreeThousandTrainAndOneThousandTestBalancedGreyImages() {
        DataModule data = Datasets.load("fashion_mnist_subset", null);

        assertThat(data.folder()).isEqualTo(ProjectPaths.fixtures().resolve("fashion-mnist-subset"));
        assertThat(data.train().size()).isEqualTo(3000);
        assertThat(data.test().size()).isEqualTo(1000);
        assertThat(data.validation()).isNull();
        for (ImageSet set : new ImageSet[] {data.train(), data.test()}) {
            assertThat(set.channels()).isEqualTo(1);
            assertThat(set.height()).isEqualTo(28);
            assertThat(set.width()).isEqualTo(28);
            assertThat(set.numClasses()).isEqualTo(10);
            assertThat(set.classNames()).containsExactlyElementsOf(IdxReader.FASHION_CLASSES);
        }
        int[] trainCounts = data.train().classCounts();
        int[] testCounts = data.test().classCounts();
        assertThat(trainCounts).containsOnly(300);
        assertThat(testCounts).containsOnly(100);
        assertThat(trainCounts).hasSize(10);
        assertThat(data.trainPipeline().name()).isEqualTo("fashion-mnist");
    }

    @Test
    void imagesAreRealPhotographsNotBlank() {
        ImageSet train = Datasets.load("fashion_mnist_subset", null).train();
        // Fashion-MNIST's mean pixel is about 0.286 * 255 = 73; a blank or shifted read would not be.
        double sum = 0;
        for (int i = 0; i < train.size(); i++) {
            for (byte b : train.image(i)) {
                sum += b & 0xff;
            }
        }
        double mean = sum / train.size() / 784;
        assertThat(mean).isBetween(60.0, 86.0);
        assertThat(Arrays.equals(train.image(0), train.image(1))).isFalse();
    }
}
