package dev.vsgdsuite.suite.data;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * What happens to an image between the file and the network: ToTensor (uint8 → float in [0, 1],
 * {@code x / 255}) followed by a list of {@link ImageTransform}s, for images of one fixed shape.
 * The factories give the authors' pipelines (docs/PROTOCOL.md §2 and §3), in the authors' order.
 *
 * <p>The authors run torchvision on PIL images, which rounds to uint8 after each geometric or
 * colour step; here every step works on floats, so values differ from theirs by at most the
 * rounding of one uint8 step. That changes no distribution the experiments depend on.
 */
public final class Pipeline {

    public static final double[] CIFAR100_MEAN = {0.5071, 0.4867, 0.4408};
    public static final double[] CIFAR100_STD = {0.2675, 0.2565, 0.2761};
    public static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    public static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};
    /** Fashion-MNIST's training-set pixel mean and standard deviation (after ToTensor). */
    public static final double FASHION_MNIST_MEAN = 0.2860;
    public static final double FASHION_MNIST_STD = 0.3530;
    /** MNIST's, as in the PyTorch MNIST example the authors' demo follows. */
    public static final double MNIST_MEAN = 0.1307;
    public static final double MNIST_STD = 0.3081;

    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final List<ImageTransform> steps;

    public Pipeline(String name, int channels, int height, int width, List<ImageTransform> steps) {
        this.name = name;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.steps = List.copyOf(steps);
    }

    /** CIFAR-100 training: random crop 32 with padding 4, horizontal flip, normalise (docs/PROTOCOL.md §2). */
    public static Pipeline cifar100Train() {
        return new Pipeline("cifar100-train", 3, 32, 32, List.of(new RandomCrop(4), new HorizontalFlip(0.5),
                new Normalize(CIFAR100_MEAN, CIFAR100_STD)));
    }

    /** CIFAR-100 test: normalise only. */
    public static Pipeline cifar100Test() {
        return new Pipeline("cifar100-test", 3, 32, 32, List.of(new Normalize(CIFAR100_MEAN, CIFAR100_STD)));
    }

    /**
     * Tiny ImageNet training (docs/PROTOCOL.md §2): random crop 64 with padding 4, horizontal flip, random
     * affine (±45°, translation 10 %, scale 0.9–1.1), colour jitter 0.2 (brightness, contrast,
     * saturation), ImageNet normalisation.
     */
    public static Pipeline tinyImageNetTrain() {
        return new Pipeline("tiny-imagenet-train", 3, 64, 64, List.of(new RandomCrop(4), new HorizontalFlip(0.5),
                new RandomAffine(45, 0.1, 0.9, 1.1), new ColorJitter(0.2, 0.2, 0.2),
                new Normalize(IMAGENET_MEAN, IMAGENET_STD)));
    }

    /** Tiny ImageNet test (the official val set): ImageNet normalisation only. */
    public static Pipeline tinyImageNetTest() {
        return new Pipeline("tiny-imagenet-test", 3, 64, 64, List.of(new Normalize(IMAGENET_MEAN, IMAGENET_STD)));
    }

    /**
     * Fashion-MNIST, train and test alike, as the authors' demo notebook treats its digits: ToTensor
     * only (pixels / 255), no normalisation, no augmentation. ({@link #FASHION_MNIST_MEAN} and
     * {@link #FASHION_MNIST_STD} are the set's statistics, kept for reference.)
     */
    public static Pipeline fashionMnist() {
        return new Pipeline("fashion-mnist", 1, 28, 28, List.of());
    }

    /** MNIST, train and test alike: ToTensor only, as the authors' demo notebook (docs/PROTOCOL.md §3). */
    public static Pipeline mnist() {
        return new Pipeline("mnist", 1, 28, 28, List.of());
    }

    /** The authors' training ({@code train}) or test pipeline for a dataset. */
    public static Pipeline forDataset(DatasetId dataset, boolean train) {
        return switch (dataset) {
            case CIFAR100 -> train ? cifar100Train() : cifar100Test();
            case TINY_IMAGENET -> train ? tinyImageNetTrain() : tinyImageNetTest();
            case MNIST -> mnist();
            case FASHION_MNIST, FASHION_MNIST_SUBSET -> fashionMnist();
        };
    }

    /** ToTensor: each byte as an unsigned value divided by 255. */
    public static float[] toTensor(byte[] image) {
        float[] out = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            out[i] = (image[i] & 0xff) / 255f;
        }
        return out;
    }

    /** The image through ToTensor and every step; {@code rng} feeds the random steps. */
    public float[] apply(byte[] image, SplittableRandom rng) {
        if (image.length != channels * height * width) {
            throw new IllegalArgumentException(name + " takes " + channels + "x" + height + "x" + width
                    + " images, got " + image.length + " bytes");
        }
        float[] x = toTensor(image);
        for (ImageTransform step : steps) {
            x = step.apply(x, channels, height, width, rng);
        }
        return x;
    }

    /** True when any step is random (a training pipeline). */
    public boolean isRandom() {
        return steps.stream().anyMatch(ImageTransform::isRandom);
    }

    /** Throws unless this pipeline takes the images of {@code set}. */
    public void checkFits(ImageSet set) {
        if (set.channels() != channels || set.height() != height || set.width() != width) {
            throw new IllegalArgumentException("pipeline " + name + " takes " + channels + "x" + height + "x" + width
                    + " images, but " + set.name() + " has " + set.channels() + "x" + set.height() + "x"
                    + set.width());
        }
    }

    public String name() {
        return name;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public List<ImageTransform> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return name + ": ToTensor, " + steps.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
