package dev.vsgdsuite.suite.data;

import java.nio.file.Path;

/**
 * A dataset ready for an experiment: its splits and the authors' pipelines for it.
 *
 * @param dataset       which dataset
 * @param folder        the folder it was read from
 * @param train         the training images (without the validation hold-out)
 * @param validation    the held-out training images (CIFAR-100), or null when the protocol has none
 * @param test          the test images (Tiny ImageNet: the official val set)
 * @param trainPipeline augmentation for training batches
 * @param testPipeline  the deterministic pipeline for validation and test batches
 */
public record DataModule(DatasetId dataset, Path folder, ImageSet train, ImageSet validation, ImageSet test,
                         Pipeline trainPipeline, Pipeline testPipeline) {

    /** Number of classes of the dataset. */
    public int numClasses() {
        return train.numClasses();
    }

    /** Training batches through the training pipeline (see {@link ImageBatches#train}). */
    public ImageBatches trainBatches(int batchSize, long seed) {
        return ImageBatches.train(train, trainPipeline, batchSize, seed);
    }

    /** Test batches, in order, through the test pipeline. */
    public ImageBatches testBatches(int batchSize) {
        return ImageBatches.eval(test, testPipeline, batchSize);
    }

    /** Validation batches, in order, through the test pipeline; null when there is no validation set. */
    public ImageBatches validationBatches(int batchSize) {
        return validation == null ? null : ImageBatches.eval(validation, testPipeline, batchSize);
    }
}
