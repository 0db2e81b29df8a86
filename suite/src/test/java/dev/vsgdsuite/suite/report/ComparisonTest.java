package dev.vsgdsuite.suite.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The claim statistics against values computed independently with SciPy 1.10.1 (Debian's
 * python3-scipy) in float64: {@code scipy.stats.ttest_rel(v, b)} for paired p-values,
 * {@code ttest_ind(v, b, equal_var=False)} for Welch's, {@code mean ± t.ppf(0.975, df)·se} for the
 * intervals, and for seeds_needed the first n in 2…100 with |d̄ + δ| > t.ppf(0.975, n − 1)·s/√n.
 * The script is {@code tools/claim-stats-reference.py}.
 */
class ComparisonTest {

    static Map<Long, Double> seeds(double... acc) {
        Map<Long, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < acc.length; i++) {
            m.put((long) i, acc[i]);
        }
        return m;
    }

    @Test
    void pairedIntervalAboveZeroReproduces() {
        Comparison c = Comparison.of("adam", seeds(0.70, 0.72, 0.71, 0.69, 0.73), seeds(0.68, 0.69, 0.70, 0.69, 0.70), 0);
        assertThat(c.paired()).isTrue();
        assertThat(c.n()).isEqualTo(5);
        assertThat(c.difference()).isCloseTo(0.018, within(1e-12));
        assertThat(c.ciLow()).isCloseTo(0.0018106821529129229, within(1e-9));
        assertThat(c.ciHigh()).isCloseTo(0.034189317847087064, within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.036681989400441171, within(1e-9));
        assertThat(c.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(c.seedsNeeded()).isNull();
    }

    @Test
    void pairedIntervalBelowZeroContradicts() {
        Comparison c = Comparison.of("sgd", seeds(0.60, 0.62, 0.61), seeds(0.68, 0.69, 0.70), 0);
        assertThat(c.ciLow()).isCloseTo(-0.10484137711843755, within(1e-9));
        assertThat(c.ciHigh()).isCloseTo(-0.055158622881562452, within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.0051679932523860956, within(1e-9));
        assertThat(c.verdict()).isEqualTo(Verdict.CONTRADICTED);
    }

    @Test
    void anIntervalAcrossTheMarginIsInconclusiveWithTheSeedsItWouldNeed() {
        Comparison c = Comparison.of("adam", seeds(0.71, 0.69, 0.72, 0.70), seeds(0.70, 0.70, 0.70, 0.70), 0);
        assertThat(c.ciLow()).isCloseTo(-0.015542602567608806, within(1e-9));
        assertThat(c.ciHigh()).isCloseTo(0.025542602567608815, within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.49502534605971116, within(1e-9));
        assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(c.seedsNeeded()).isEqualTo(new SeedsNeeded(29));
    }

    @Test
    void theMarginDeltaMovesTheVerdictLine() {
        // Mean difference 0 within rounding: with δ = 0 no number of seeds separates it; with δ = 0.01 thirteen would.
        Map<Long, Double> v = seeds(0.71, 0.69, 0.715, 0.695);
        Map<Long, Double> b = seeds(0.70, 0.71, 0.70, 0.70);
        Comparison atZero = Comparison.of("adam", v, b, 0);
        assertThat(atZero.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(atZero.seedsNeeded()).isNull();
        assertThat(atZero.ciHigh()).isCloseTo(0.025159447139714578, within(1e-9));
        Comparison withMargin = Comparison.of("adam", v, b, 0.01);
        assertThat(withMargin.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(withMargin.seedsNeeded()).isEqualTo(new SeedsNeeded(13));
        assertThat(Comparison.of("adam", v, b, 0.03).verdict()).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    void aHugeSpreadNeedsMoreThanTheCap() throws Exception {
        Comparison c = Comparison.of("adam", seeds(0.73, 0.67, 0.701), seeds(0.70, 0.70, 0.70), 0);
        assertThat(c.pValue()).isCloseTo(0.98639550215366345, within(1e-9));
        assertThat(c.seedsNeeded().beyondCap()).isTrue();
        JsonNode json = new ObjectMapper().valueToTree(c);
        assertThat(json.get("seeds_needed").asText()).isEqualTo("more than 100");
    }

    @Test
    void seedsThatDoNotPairUseWelch() {
        Map<Long, Double> v = seeds(0.70, 0.72, 0.71);
        Map<Long, Double> b = new LinkedHashMap<>(Map.of(0L, 0.65, 1L, 0.69, 3L, 0.66));
        Comparison c = Comparison.of("adam", v, b, 0);
        assertThat(c.paired()).isFalse();
        assertThat(c.reason()).contains("Welch");
        assertThat(c.difference()).isCloseTo(0.043333333333333335, within(1e-12));
        assertThat(c.ciLow()).isCloseTo(-0.00014963234750379334, within(1e-9));
        assertThat(c.ciHigh()).isCloseTo(0.086816299014170456, within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.05041211851105127, within(1e-9));
        assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void oneSeedIsAlwaysInconclusiveAndSaysWhy() {
        Comparison c = Comparison.of("adam", seeds(0.90), seeds(0.10), 0);
        assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(c.difference()).isCloseTo(0.80, within(1e-12));
        assertThat(c.ciLow()).isNaN();
        assertThat(c.pValue()).isNaN();
        assertThat(c.seedsNeeded()).isNull();
        assertThat(c.reason()).contains("one seed");
    }

    @Test
    void aDivergedRunCountsAsZeroAndCanDecideTheVerdict() {
        // The baseline diverged on every seed (accuracy 0): VSGD is clear above it.
        Comparison c = Comparison.of("sgd", seeds(0.70, 0.71, 0.69), seeds(0, 0, 0), 0);
        assertThat(c.ciLow()).isCloseTo(0.67515862288156225, within(1e-9));
        assertThat(c.verdict()).isEqualTo(Verdict.REPRODUCED);
    }

    @Test
    void resultsJsonNamesEveryField() {
        JsonNode json = new ObjectMapper().valueToTree(
                Comparison.of("adam", seeds(0.70, 0.72, 0.71, 0.69, 0.73), seeds(0.68, 0.69, 0.70, 0.69, 0.70), 0));
        assertThat(json.fieldNames()).toIterable().containsExactly("baseline", "n", "paired", "difference", "ci_low",
                "ci_high", "p_value", "verdict", "seeds_needed", "reason");
        assertThat(json.get("verdict").asText()).isEqualTo("reproduced");
        assertThat(json.get("seeds_needed").isNull()).isTrue();
    }
}
