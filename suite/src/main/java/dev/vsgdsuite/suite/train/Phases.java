package dev.vsgdsuite.suite.train;

/**
 * Announces the phases of a run (load data, build model, train, evaluate) to whoever reports them,
 * e.g. as steps of a test report. The default does nothing.
 */
@FunctionalInterface
public interface Phases {

    Phases NONE = phase -> {};

    /** The run enters {@code phase}; the previous phase, if any, has ended. */
    void enter(String phase);
}
