package dev.vsgdsuite.suite.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * What training adds to a network's configuration before its parameters exist (the updater with its
 * schedule, weight decay): supplied by the caller, so the model package knows no optimizer.
 */
@FunctionalInterface
public interface TrainingSetUp {

    /** No training set-up: DL4J's defaults (for inference, shapes and parameter counts). */
    TrainingSetUp NONE = conf -> {};

    void apply(ComputationGraphConfiguration conf);
}
