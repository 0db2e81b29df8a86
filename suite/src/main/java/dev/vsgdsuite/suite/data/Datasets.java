package dev.vsgdsuite.suite.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Loads a dataset by name into a {@link DataModule}: finds its folder ({@link DatasetLocator}),
 * reads both splits with the matching reader, holds out CIFAR-100's validation images, and
 * attaches the authors' pipelines ({@link Pipeline#forDataset}).
 *
 * <p>CIFAR-100 validation, as the authors: {@value #CIFAR100_VALIDATION} training images, the last
 * ones of a permutation drawn from the fixed seed {@value #VALIDATION_SEED} (so every run and every
 * optimizer sees the same split), removed from train. A set too small for that (the 200-image
 * fixture) holds out a fifth of its images instead, so smoke runs still have a validation set.
 */
public final class Datasets {

    public static final int CIFAR100_VALIDATION = 256;
    public static final long VALIDATION_SEED = 0;

    private Datasets() {}

    /**
     * Loads {@code name} (see {@link DatasetId}) from {@code explicitFolder}, or from where the
     * {@link DatasetLocator} finds it for this checkout when null.
     */
    public static DataModule load(String name, Path explicitFolder) {
        return load(DatasetId.fromId(name), explicitFolder, DatasetLocator.forProject());
    }

    /** As {@link #load(String, Path)}, with a given locator. */
    public static DataModule load(DatasetId dataset, Path explicitFolder, DatasetLocator locator) {
        Path folder = locator.locate(dataset, explicitFolder);
        String id = dataset.id();
        Pipeline trainPipeline = Pipeline.forDataset(dataset, true);
        Pipeline testPipeline = Pipeline.forDataset(dataset, false);
        switch (dataset) {
            case CIFAR100: {
                ImageSet all = Cifar100Reader.readSplit(folder, false, id + "/train");
                ImageSet test = Cifar100Reader.readSplit(folder, true, id + "/test");
                ImageSet[] split = holdOut(all, validationSize(all.size()), VALIDATION_SEED);
                return new DataModule(dataset, folder, split[0], split[1], test, trainPipeline, testPipeline);
            }
            case TINY_IMAGENET: {
                ImageSet train = TinyImageNetReader.readTrain(folder, id + "/train");
                ImageSet test = TinyImageNetReader.readVal(folder, id + "/val");
                return new DataModule(dataset, folder, train, null, test, trainPipeline, testPipeline);
            }
            default: {
                var names = dataset == DatasetId.MNIST ? null : IdxReader.FASHION_CLASSES;
                ImageSet train = IdxReader.readSplit(folder, false, id + "/train", names);
                ImageSet test = IdxReader.readSplit(folder, true, id + "/test", names);
                return new DataModule(dataset, folder, train, null, test, trainPipeline, testPipeline);
            }
        }
    }

    /** The shipped Fashion-MNIST subset ({@code fixtures/fashion-mnist-subset/}). */
    public static DataModule fashionMnistSubset() {
        return load(DatasetId.FASHION_MNIST_SUBSET, null, DatasetLocator.forProject());
    }

    /** {@value #CIFAR100_VALIDATION}, or a fifth of a set too small to spare that many. */
    static int validationSize(int trainSize) {
        return Math.min(CIFAR100_VALIDATION, trainSize / 5);
    }

    /**
     * Splits {@code set} into {train, held out}: the held-out images are the last {@code count}
     * indices of a permutation drawn from {@code seed}; both parts keep the original order.
     */
    public static ImageSet[] holdOut(ImageSet set, int count, long seed) {
        int n = set.size();
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("cannot hold out " + count + " of " + n + " images of " + set.name());
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] kept = Arrays.copyOfRange(perm, 0, n - count);
        int[] held = Arrays.copyOfRange(perm, n - count, n);
        Arrays.sort(kept);
        Arrays.sort(held);
        String base = set.name().endsWith("/train") ? set.name().substring(0, set.name().length() - 6) : set.name();
        return new ImageSet[] {set.subset(set.name(), kept), set.subset(base + "/validation", held)};
    }
}
