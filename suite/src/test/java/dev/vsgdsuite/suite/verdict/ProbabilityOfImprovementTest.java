package dev.vsgdsuite.suite.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** P(VSGD > baseline) over paired seeds, ties as one half, with a seeded bootstrap interval. */
class ProbabilityOfImprovementTest {

    @Test
    void theShareCountsWinsAndHalfTies() {
        ProbabilityOfImprovement p = ProbabilityOfImprovement.of(new double[] {0.01, -0.02, 0, 0.03});
        assertThat(p.estimate()).isEqualTo(2.5 / 4);
        assertThat(p.seeds()).isEqualTo(4);
        assertThat(p.low()).isLessThanOrEqualTo(p.estimate());
        assertThat(p.high()).isGreaterThanOrEqualTo(p.estimate());
        assertThat(p.low()).isGreaterThanOrEqualTo(0);
        assertThat(p.high()).isLessThanOrEqualTo(1);
    }

    @Test
    void theIntervalIsTheSameRunToRunAndNarrowsWithSeeds() {
        double[] few = {0.01, -0.01, 0.02, -0.005, 0.01};
        assertThat(ProbabilityOfImprovement.of(few)).isEqualTo(ProbabilityOfImprovement.of(few.clone()));
        double[] many = new double[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = few[i % few.length];
        }
        ProbabilityOfImprovement small = ProbabilityOfImprovement.of(few);
        ProbabilityOfImprovement large = ProbabilityOfImprovement.of(many);
        assertThat(large.estimate()).isEqualTo(small.estimate());
        assertThat(large.high() - large.low()).isLessThan(small.high() - small.low());
    }

    @Test
    void allWinsIsOneWithADegenerateInterval() {
        ProbabilityOfImprovement p = ProbabilityOfImprovement.of(new double[] {0.01, 0.02, 0.03});
        assertThat(p.estimate()).isEqualTo(1);
        assertThat(p.low()).isEqualTo(1);
    }
}
