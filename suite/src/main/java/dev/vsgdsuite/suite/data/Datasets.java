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
    /** Seed of the tuning split's permutation: another draw than the authors' validation images. */
    public static final long TUNING_SEED = 1;

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

    /**
     * The data a learning-rate search sees: the training images of {@code name} only (the test files
     * are never opened), less {@code split} of them held out as the validation set that ranks the
     * learning rates. The held-out images are the last {@code split} of a permutation drawn from
     * {@value #TUNING_SEED}, the same for every optimizer. In the returned module they stand where a
     * run's test set stands ({@link DataModule#test()}), so a tuning run is judged on them and holds no
     * test image at all.
     *
     * @throws IllegalArgumentException when {@code split} is not between 1 and half the training images
     */
    public static DataModule forTuning(String name, Path explicitFolder, int split) {
        DatasetId dataset = DatasetId.fromId(name);
        Path folder = DatasetLocator.forProject().locate(dataset, explicitFolder);
        String id = dataset.id();
        ImageSet all = switch (dataset) {
            case CIFAR100 -> Cifar100Reader.readSplit(folder, false, id + "/train");
            case TINY_IMAGENET -> TinyImageNetReader.readTrain(folder, id + "/train");
            default -> IdxReader.readSplit(folder, false, id + "/train",
                    dataset == DatasetId.MNIST ? null : IdxReader.FASHION_CLASSES);
        };
        if (split < 1 || split > all.size() / 2) {
            throw new IllegalArgumentException("a tuning split of " + split + " images does not fit the "
                    + all.size() + " training images of " + id + "; choose 1 to " + all.size() / 2);
        }
        ImageSet[] parts = holdOut(all, split, TUNING_SEED);
        ImageSet validation = parts[1].subset(id + "/tuning-validation", allIndices(parts[1].size()));
        return new DataModule(dataset, folder, parts[0], null, validation, Pipeline.forDataset(dataset, true),
                Pipeline.forDataset(dataset, false));
    }

    private static int[] allIndices(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
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
