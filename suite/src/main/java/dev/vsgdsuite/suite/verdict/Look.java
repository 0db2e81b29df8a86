package dev.vsgdsuite.suite.verdict;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One look at a sequence of paired seeds.
 *
 * @param look       1-based number of the look
 * @param seeds      pairs seen so far
 * @param difference mean accuracy difference VSGD − baseline over them, as a fraction
 * @param sd         their standard deviation
 * @param critical   the look's critical value |Z| of the spending design
 * @param rciLow     lower end of the repeated confidence interval of the mean difference
 * @param rciHigh    upper end
 * @param outcome    what this look decides ({@link Outcome#CONTINUE} when nothing yet)
 */
@JsonPropertyOrder({"look", "seeds", "difference", "sd", "critical", "rci_low", "rci_high", "outcome"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Look(int look, int seeds, double difference, double sd, double critical, double rciLow, double rciHigh,
                   Outcome outcome) {}
