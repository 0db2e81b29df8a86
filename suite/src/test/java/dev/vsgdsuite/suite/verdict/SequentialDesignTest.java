package dev.vsgdsuite.suite.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The sequential rule keeps its promise: over simulated sequences its decisions are wrong at most α
 * of the time (plus Monte-Carlo error), it finds a real difference, and its single-look equivalence
 * decision is the two one-sided tests computed by hand. Differences are normal, as the rule assumes.
 */
class SequentialDesignTest {

    static final SequentialDesign SUITE = new SequentialDesign(List.of(3, 5, 8, 12, 16, 20), 0.05, 0.005);
    static final int SEQUENCES = 10_000;

    /** Three standard errors of a rate p estimated from {@link #SEQUENCES} sequences. */
    static double monteCarlo(double p) {
        return 3 * Math.sqrt(p * (1 - p) / SEQUENCES);
    }

    static double[] normal(SplittableRandom random, double mean, double sd, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            // Box–Muller: SplittableRandom has no nextGaussian in JDK 17
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            d[i] = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
        return d;
    }

    /** Rates of each outcome over simulated sequences of mean difference {@code mean} and spread sd. */
    static double[] rates(SequentialDesign design, double mean, double sd, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] counts = new double[Outcome.values().length];
        for (int i = 0; i < SEQUENCES; i++) {
            counts[design.outcome(normal(random, mean, sd, design.max())).ordinal()]++;
        }
        for (int o = 0; o < counts.length; o++) {
            counts[o] /= SEQUENCES;
        }
        return counts;
    }

    @Test
    void withNoDifferenceAFalseReproducedOrContradictedIsAtMostAlpha() {
        double[] r = rates(SUITE, 0, 0.013, 1);
        double wrong = r[Outcome.REPRODUCED.ordinal()] + r[Outcome.CONTRADICTED.ordinal()];
        System.out.printf("null, 6 looks: reproduced %.4f, contradicted %.4f, equivalent %.4f, inconclusive %.4f%n",
                r[0], r[1], r[2], r[3]);
        assertThat(wrong).isLessThanOrEqualTo(0.05 + monteCarlo(0.05));
        assertThat(r[Outcome.CONTINUE.ordinal()]).as("every sequence ends by MAX").isZero();
    }

    @Test
    void repeatedFixedSampleIntervalsWouldNotKeepIt() {
        // The control: the same six looks at the fixed-sample 95 % interval each time.
        SplittableRandom random = new SplittableRandom(2);
        int wrong = 0;
        for (int i = 0; i < SEQUENCES; i++) {
            double[] d = normal(random, 0, 1, 20);
            for (int n : List.of(3, 5, 8, 12, 16, 20)) {
                Look fixed = new SequentialDesign(List.of(n), 0.05, 0).look(0, d);
                if (fixed.rciLow() > 0 || fixed.rciHigh() < 0) {
                    wrong++;
                    break;
                }
            }
        }
        double rate = (double) wrong / SEQUENCES;
        System.out.printf("six naive looks: wrong decisions %.4f%n", rate);
        assertThat(rate).as("optional stopping inflates the error").isGreaterThan(0.05 + monteCarlo(0.05));
    }

    @Test
    void aRealDifferenceIsFoundAndReportedWithItsPower() {
        double[] r = rates(SUITE, 0.013, 0.013, 3);   // one spread's difference
        System.out.printf("effect = 1 sd, 6 looks: power %.4f, contradicted %.4f%n", r[0], r[1]);
        assertThat(r[Outcome.REPRODUCED.ordinal()]).isGreaterThan(0.9);
        assertThat(r[Outcome.CONTRADICTED.ordinal()]).isLessThanOrEqualTo(0.05);
    }

    @Test
    void atTheMarginAFalseEquivalentIsAtMostHalfAlpha() {
        double[] r = rates(SUITE, SUITE.margin(), 0.004, 4);
        System.out.printf("difference = margin: equivalent %.4f%n", r[Outcome.EQUIVALENT.ordinal()]);
        assertThat(r[Outcome.EQUIVALENT.ordinal()]).isLessThanOrEqualTo(0.025 + monteCarlo(0.025));
    }

    @Test
    void oneLookIsTheHandComputedTwoOneSidedTests() {
        // d̄ = 0.0005, s = 0.0015811388, se = s/√10 = 0.0005, t_{9, 0.95} = 1.8331129 (α = 0.10: each side 0.05)
        double[] d = {0.001, -0.002, 0.003, 0.000, 0.001, -0.001, 0.002, 0.000, -0.001, 0.002};
        Look wide = new SequentialDesign(List.of(10), 0.10, 0.003).decide(d).get(0);
        assertThat(wide.difference()).isCloseTo(0.0005, Offset.offset(1e-12));
        assertThat(wide.sd()).isCloseTo(0.0015811388300841897, Offset.offset(1e-12));
        assertThat(wide.rciLow()).isCloseTo(-0.0004165564663281369, Offset.offset(1e-9));
        assertThat(wide.rciHigh()).isCloseTo(0.001416556466328137, Offset.offset(1e-9));
        assertThat(wide.outcome()).as("both one-sided tests reject at ±0.003").isEqualTo(Outcome.EQUIVALENT);
        Look narrow = new SequentialDesign(List.of(10), 0.10, 0.001).decide(d).get(0);
        assertThat(narrow.outcome()).as("the upper test does not reject at +0.001").isEqualTo(Outcome.INCONCLUSIVE);
    }

    @Test
    void theFirstDecidingLookEndsTheSequence() {
        // Three seeds leave 2 degrees of freedom: the first look's interval is wide, the second decides.
        double[] clear = {0.02, 0.021, 0.019, 0.02, 0.022, 0.018, 0.02, 0.021};
        List<Look> looks = SUITE.decide(clear);
        assertThat(looks).extracting(Look::outcome).containsExactly(Outcome.CONTINUE, Outcome.REPRODUCED);
        assertThat(looks).extracting(Look::seeds).containsExactly(3, 5);
        assertThat(looks.get(1).critical()).isLessThan(looks.get(0).critical());
        double[] noisy = {0.01, -0.02, 0.015, -0.01};
        assertThat(SUITE.decide(noisy)).singleElement().extracting(Look::outcome).isEqualTo(Outcome.CONTINUE);
        assertThat(SUITE.outcome(new double[2])).isEqualTo(Outcome.CONTINUE);
    }

    @Test
    void aDesignIsCheckedWhenMade() {
        assertThatThrownBy(() -> new SequentialDesign(List.of(1, 5), 0.05, 0)).hasMessageContaining(">= 2 seeds");
        assertThatThrownBy(() -> new SequentialDesign(List.of(5, 3), 0.05, 0)).hasMessageContaining("must increase");
        assertThatThrownBy(() -> new SequentialDesign(List.of(3), 0.05, -1)).hasMessageContaining("margin");
    }
}
