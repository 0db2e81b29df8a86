package dev.vsgdsuite.suite.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A run's steady-state training-step time, from its metrics lines: each line carries the mean step
 * time of its logging interval; the intervals ending after the warm-up window are summarised by
 * their median and quartiles (R-7 / Excel interpolation, as numpy's default).
 *
 * @param warmupIterations the iterations left out at the start
 * @param intervals        the logging intervals summarised
 * @param median           median interval-mean step time, ms (the run's {@code ms_per_iter})
 * @param q1               first quartile, ms
 * @param q3               third quartile, ms
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StepTiming(long warmupIterations, int intervals, double median, double q1, double q3) {}
