package dev.vsgdsuite.suite.train;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.model.ModelSpec;

/**
 * Which run a checkpoint belongs to, saved beside its trainer state (key {@value #KEY}) so that a
 * checkpoint copied into another run's folder is recognised before anything there is changed.
 */
public record RunIdentity(String experiment, String dataset, String model, String optimizer, long seed) {

    static final String KEY = "run";

    public static RunIdentity of(RunConfig config, ModelSpec spec) {
        return new RunIdentity(config.experiment(), config.dataset().name(), spec.name(), config.optimizer().name(),
                config.train().seed());
    }

    @Override
    public String toString() {
        return "experiment " + experiment + ", dataset " + dataset + ", model " + model + ", optimizer " + optimizer
                + ", seed " + seed;
    }
}
