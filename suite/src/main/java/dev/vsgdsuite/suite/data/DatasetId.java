package dev.vsgdsuite.suite.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The datasets the suite knows, by the names configs and the command line use. Each carries the
 * sentence telling a user how to obtain it: a run never downloads anything; {@code data fetch}
 * puts the paper's two datasets in place when asked ({@link DatasetArchive}).
 */
public enum DatasetId {
    /** Zalando's Fashion-MNIST, 28×28 grey, 10 classes (IDX files). */
    FASHION_MNIST("fashion_mnist", 1, 28, 28, 10, 60_000,
            "install the Debian package (apt-get install dataset-fashion-mnist, files under "
                    + "/usr/share/datasets/fashion-mnist), or put the four IDX files (train-images-idx3-ubyte.gz, "
                    + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) in "
                    + "data/fashion_mnist/"),
    /** The MNIST digits, 28×28 grey, 10 classes (IDX files). */
    MNIST("mnist", 1, 28, 28, 10, 60_000,
            "put the four IDX files of the MNIST distribution (train-images-idx3-ubyte.gz, "
                    + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) in data/mnist/"),
    /** CIFAR-100, 32×32 RGB, 100 fine classes (official binary version). */
    CIFAR100("cifar100", 3, 32, 32, 100, 50_000 - Datasets.CIFAR100_VALIDATION,
            "run ./vsgd-suite data fetch cifar100 (downloads it and checks its checksums), or download the official "
                    + "binary version, cifar-100-binary.tar.gz, from the CIFAR page of the University "
                    + "of Toronto (https://www.cs.toronto.edu/~kriz/cifar.html) and unpack it into data/cifar100/ "
                    + "(giving data/cifar100/cifar-100-binary/train.bin and test.bin)"),
    /** Tiny ImageNet-200, 64×64 RGB JPEGs, 200 classes (official zip layout). */
    TINY_IMAGENET("tiny_imagenet", 3, 64, 64, 200, 100_000,
            "run ./vsgd-suite data fetch tiny_imagenet (downloads it and checks its checksum), or download the "
                    + "official tiny-imagenet-200.zip (Stanford CS231n, "
                    + "http://cs231n.stanford.edu/tiny-imagenet-200.zip) and unzip it into data/tiny_imagenet/ "
                    + "(giving data/tiny_imagenet/tiny-imagenet-200/wnids.txt, train/, val/)"),
    /**
     * The balanced Fashion-MNIST subset shipped in {@code fixtures/fashion-mnist-subset/} (3,000
     * train, 1,000 test): real data that every checkout has, for smoke runs.
     */
    FASHION_MNIST_SUBSET("fashion_mnist_subset", 1, 28, 28, 10, 3_000,
            "it ships with the project in fixtures/fashion-mnist-subset/; restore it from git, or regenerate it "
                    + "(see fixtures/README.md)");

    private final String id;
    private final int channels;
    private final int height;
    private final int width;
    private final int classes;
    private final int trainingImages;
    private final String howToObtain;

    DatasetId(String id, int channels, int height, int width, int classes, int trainingImages, String howToObtain) {
        this.id = id;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = classes;
        this.trainingImages = trainingImages;
        this.howToObtain = howToObtain;
    }

    /** Channels of every image (the readers give exactly this shape; DatasetsTest checks the fixtures). */
    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Classes of the full dataset (a format fixture may use fewer of them). */
    public int classes() {
        return classes;
    }

    /**
     * The images a run of the full dataset trains on: the training split less the validation images
     * held out of it (CIFAR-100), so an epoch is {@code trainingImages / batch} iterations.
     */
    public int trainingImages() {
        return trainingImages;
    }

    /** The name used in configs, on the command line and as the folder under {@code data/}. */
    public String id() {
        return id;
    }

    /** What a user does to get the data, as a sentence fragment ("download ... and unpack ..."). */
    public String howToObtain() {
        return howToObtain;
    }

    /** True for the IDX datasets (Fashion-MNIST, MNIST and the shipped subset). */
    public boolean isIdx() {
        return this == FASHION_MNIST || this == MNIST || this == FASHION_MNIST_SUBSET;
    }

    /** The dataset called {@code name} (case-insensitive; '-' accepted for '_'). */
    public static DatasetId fromId(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (DatasetId d : values()) {
            if (d.id.equals(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown dataset '" + name + "'; known datasets: "
                + Arrays.stream(values()).map(DatasetId::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
