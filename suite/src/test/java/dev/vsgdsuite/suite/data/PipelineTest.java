package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PipelineTest {

    @Test
    void toTensorDividesUnsignedBytesBy255() {
        assertThat(Pipeline.toTensor(new byte[] {0, (byte) 128, (byte) 255, 51}))
                .containsExactly(0f, 128f / 255f, 1f, 0.2f);
    }

    @Test
    void theAuthorsPipelinesHaveTheirStepsInOrder() {
        assertThat(types(Pipeline.cifar100Train())).containsExactly(RandomCrop.class, HorizontalFlip.class,
                Normalize.class);
        assertThat(types(Pipeline.cifar100Test())).containsExactly(Normalize.class);
        assertThat(types(Pipeline.tinyImageNetTrain())).containsExactly(RandomCrop.class, HorizontalFlip.class,
                RandomAffine.class, ColorJitter.class, Normalize.class);
        assertThat(types(Pipeline.tinyImageNetTest())).containsExactly(Normalize.class);
        assertThat(types(Pipeline.fashionMnist())).isEmpty();   // the authors' demo: ToTensor only
        assertThat(Pipeline.cifar100Train().isRandom()).isTrue();
        assertThat(Pipeline.tinyImageNetTest().isRandom()).isFalse();
        assertThat(Pipeline.forDataset(DatasetId.FASHION_MNIST_SUBSET, true).name()).isEqualTo("fashion-mnist");
        assertThat(Pipeline.forDataset(DatasetId.MNIST, false).name()).isEqualTo("mnist");
        assertThat(Pipeline.forDataset(DatasetId.TINY_IMAGENET, true).name()).isEqualTo("tiny-imagenet-train");
    }

    @Test
    void theTestPipelineIsToTensorThenNormalise() {
        byte[] image = TestImages.random("r", 1, 3, 32, 32, 1, 5).image(0);
        float[] out = Pipeline.cifar100Test().apply(image, new SplittableRandom(0));
        for (int i = 0; i < out.length; i += 97) {
            int c = i / 1024;
            float expected = ((image[i] & 0xff) / 255f - (float) Pipeline.CIFAR100_MEAN[c])
                    / (float) Pipeline.CIFAR100_STD[c];
            assertThat(out[i]).isEqualTo(expected);
        }
        byte[] digit = new byte[784];
        digit[5] = (byte) 255;
        float[] grey = Pipeline.mnist().apply(digit, null);    // the authors' demo: ToTensor only
        assertThat(grey[0]).isEqualTo(0f);
        assertThat(grey[5]).isEqualTo(1f);
    }

    @Test
    void aTrainingPipelineIsAFunctionOfItsGenerator() {
        byte[] image = TestImages.random("r", 1, 3, 64, 64, 1, 6).image(0);
        Pipeline train = Pipeline.tinyImageNetTrain();
        float[] a = train.apply(image, new SplittableRandom(42));
        float[] b = train.apply(image, new SplittableRandom(42));
        float[] c = train.apply(image, new SplittableRandom(43));
        assertThat(a).hasSize(3 * 64 * 64).containsExactly(b).isNotEqualTo(c);
    }

    @Test
    void imagesOfAnotherShapeAreRejected() {
        assertThatThrownBy(() -> Pipeline.cifar100Test().apply(new byte[784], null))
                .hasMessageContaining("cifar100-test takes 3x32x32 images, got 784 bytes");
        ImageSet grey = TestImages.random("fashion", 2, 1, 28, 28, 10, 1);
        assertThatThrownBy(() -> Pipeline.cifar100Train().checkFits(grey))
                .hasMessageContaining("but fashion has 1x28x28");
    }

    private static List<Class<?>> types(Pipeline p) {
        return p.steps().stream().<Class<?>>map(Object::getClass).toList();
    }
}
