package dev.vsgdsuite.suite.config;

import java.util.List;

import dev.vsgdsuite.suite.schema.Key;
import dev.vsgdsuite.suite.schema.Schema;
import dev.vsgdsuite.suite.schema.Section;

/** The train section; its keys are declared here, their defaults are in configs/train.yaml. */
public record TrainConfig(long seed, int batchSize, int testBatchSize, int maxIter, int valFreq, int evalTestFreq,
                          int saveFreq, int logFreq, int optimizerLogFreq, Double targetAccuracy) {

    static final Key<Long> SEED = Key.longInteger("seed", "fixes weight init, data order, augmentation");
    static final Key<Integer> BATCH_SIZE = positive("batch_size", "training batch size");
    static final Key<Integer> TEST_BATCH_SIZE = positive("test_batch_size", "evaluation batch size (no effect on results)");
    static final Key<Integer> MAX_ITER = positive("max_iter", "optimizer steps");
    static final Key<Integer> VAL_FREQ = everyN("val_freq", "validation-batch loss every N iterations");
    static final Key<Integer> EVAL_TEST_FREQ = everyN("eval_test_freq", "full test evaluation every N iterations "
            + "(0 = only at the end)");
    static final Key<Integer> SAVE_FREQ = everyN("save_freq", "checkpoint every N iterations");
    static final Key<Integer> LOG_FREQ = positive("log_freq", "metrics line every N iterations");
    static final Key<Integer> OPTIMIZER_LOG_FREQ = everyN("optimizer_log_freq", "VSGD implicit-momentum statistics "
            + "every N iterations");
    static final Key<Double> TARGET_ACCURACY = Key.nullable(Key.number("target_accuracy", null,
            "time-to-target: the test accuracy whose first reaching is recorded (null = off)",
            v -> v > 0 && v <= 1, "in (0, 1]"));

    /** Every key the train section may hold (configs/train.yaml gives each its default). */
    public static final Schema SCHEMA = new Schema("train", List.of(), List.of(SEED, BATCH_SIZE, TEST_BATCH_SIZE,
            MAX_ITER, VAL_FREQ, EVAL_TEST_FREQ, SAVE_FREQ, LOG_FREQ, OPTIMIZER_LOG_FREQ, TARGET_ACCURACY));

    static TrainConfig from(Section s) {
        SCHEMA.rejectUnknown(s.keys(), "the train section");
        return new TrainConfig(SEED.get(s), BATCH_SIZE.get(s), TEST_BATCH_SIZE.get(s), MAX_ITER.get(s), VAL_FREQ.get(s),
                EVAL_TEST_FREQ.get(s), SAVE_FREQ.get(s), LOG_FREQ.get(s), OPTIMIZER_LOG_FREQ.get(s),
                TARGET_ACCURACY.get(s));
    }

    private static Key<Integer> positive(String name, String doc) {
        return Key.integer(name, doc, v -> v >= 1, ">= 1");
    }

    private static Key<Integer> everyN(String name, String doc) {
        return Key.integer(name, doc, v -> v >= 0, ">= 0 (0 = never)");
    }
}
