package dev.vsgdsuite.suite.config;

import dev.vsgdsuite.suite.schema.Section;

/** The train section; see configs/train.yaml for what each key means. */
public record TrainConfig(long seed, int batchSize, int testBatchSize, int maxIter, int valFreq, int evalTestFreq,
                          int saveFreq, int logFreq, int optimizerLogFreq, Double targetAccuracy) {

    static TrainConfig from(Section s) {
        int batch = s.integer("batch_size");
        s.check(batch >= 1, "batch_size", batch, ">= 1");
        int testBatch = s.integer("test_batch_size");
        s.check(testBatch >= 1, "test_batch_size", testBatch, ">= 1");
        int maxIter = s.integer("max_iter");
        s.check(maxIter >= 1, "max_iter", maxIter, ">= 1");
        int[] freqs = new int[5];
        String[] keys = {"val_freq", "eval_test_freq", "save_freq", "log_freq", "optimizer_log_freq"};
        for (int i = 0; i < keys.length; i++) {
            freqs[i] = s.integer(keys[i]);
            s.check(freqs[i] >= 0, keys[i], freqs[i], ">= 0 (0 = never)");
        }
        s.check(freqs[3] >= 1, "log_freq", freqs[3], ">= 1");
        Double target = s.numberOrNull("target_accuracy");
        s.check(target == null || (target > 0 && target <= 1), "target_accuracy", target, "in (0, 1] or null");
        return new TrainConfig(s.longInteger("seed"), batch, testBatch, maxIter, freqs[0], freqs[1], freqs[2],
                freqs[3], freqs[4], target);
    }
}
