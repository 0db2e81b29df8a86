package dev.vsgdsuite.suite.optim;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * torch's CosineAnnealingLR stepped every iteration: η_min + (η0 − η_min)·(1 + cos(π·t/T))/2 for
 * t ≤ T; beyond T it continues the cosine, as torch's closed form does.
 */
public final class CosineSchedule implements ISchedule {

    private static final long serialVersionUID = 1L;

    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("tMax")
    private final long tMax;
    @JsonProperty("etaMin")
    private final double etaMin;

    @JsonCreator
    public CosineSchedule(@JsonProperty("initialValue") double initialValue, @JsonProperty("tMax") long tMax,
                          @JsonProperty("etaMin") double etaMin) {
        if (tMax < 1) {
            throw new IllegalArgumentException("cosine schedule: t_max = " + tMax + " must be >= 1");
        }
        this.initialValue = initialValue;
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return etaMin + (initialValue - etaMin) * (1 + Math.cos(Math.PI * iteration / tMax)) / 2;
    }

    @Override
    public ISchedule clone() {
        return new CosineSchedule(initialValue, tMax, etaMin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosineSchedule c && c.initialValue == initialValue && c.tMax == tMax && c.etaMin == etaMin;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(initialValue, tMax, etaMin);
    }

    @Override
    public String toString() {
        return "CosineSchedule(lr=" + initialValue + ", tMax=" + tMax + ", etaMin=" + etaMin + ")";
    }
}
