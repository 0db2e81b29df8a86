package dev.vsgdsuite.suite.optim;

import java.util.Objects;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What the suite's own DL4J updaters share: a learning rate, optionally driven by a schedule, kept in
 * the fields DL4J's JSON form names ({@code learningRate}, {@code learningRateSchedule}) so that a
 * saved network restores them.
 */
abstract class ScheduledUpdater implements IUpdater {

    private static final long serialVersionUID = 1L;

    @JsonProperty("learningRate")
    private double learningRate;
    @JsonProperty("learningRateSchedule")
    private ISchedule learningRateSchedule;

    ScheduledUpdater(double learningRate, ISchedule learningRateSchedule) {
        this.learningRate = learningRate;
        this.learningRateSchedule = learningRateSchedule;
    }

    /** The constant learning rate (used when there is no schedule). */
    double learningRate() {
        return learningRate;
    }

    ISchedule learningRateSchedule() {
        return learningRateSchedule;
    }

    /** A copy of the schedule for {@link #clone()}, or null. */
    ISchedule scheduleCopy() {
        return learningRateSchedule == null ? null : learningRateSchedule.clone();
    }

    /** Equal learning rate and schedule: half of a subclass's {@code equals}. */
    boolean sameLearningRate(ScheduledUpdater other) {
        return Double.compare(learningRate, other.learningRate) == 0
                && Objects.equals(learningRateSchedule, other.learningRateSchedule);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public abstract ScheduledUpdater clone();
}
