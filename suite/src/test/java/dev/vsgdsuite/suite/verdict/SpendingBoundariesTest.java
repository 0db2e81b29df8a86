package dev.vsgdsuite.suite.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The critical values against the published ones of the Lan–DeMets O'Brien–Fleming-type spending
 * function at two-sided α = 0.05 with equally spaced looks, as rpact
 * ({@code getDesignGroupSequential(kMax = K, alpha = 0.025, typeOfDesign = "asOF")}) and gsDesign
 * ({@code sfLDOF}) report them; their one-sided 0.025 design and this two-sided symmetric one differ
 * only by the chance of crossing both boundaries, far below the tolerance.
 */
class SpendingBoundariesTest {

    private static final Offset<Double> PUBLISHED = Offset.offset(2e-3);

    @Test
    void fiveEquallySpacedLooksHaveThePublishedBoundaries() {
        SpendingBoundaries b = new SpendingBoundaries(0.05, new double[] {0.2, 0.4, 0.6, 0.8, 1.0});
        double[] published = {4.877, 3.357, 2.680, 2.290, 2.031};
        for (int k = 0; k < 5; k++) {
            assertThat(b.critical(k)).as("look %d", k + 1).isCloseTo(published[k], PUBLISHED);
        }
    }

    @Test
    void threeEquallySpacedLooksHaveThePublishedBoundaries() {
        SpendingBoundaries b = new SpendingBoundaries(0.05, new double[] {1 / 3.0, 2 / 3.0, 1.0});
        assertThat(b.critical(0)).isCloseTo(3.710, PUBLISHED);
        assertThat(b.critical(1)).isCloseTo(2.511, PUBLISHED);
        assertThat(b.critical(2)).isCloseTo(1.993, PUBLISHED);
    }

    @Test
    void oneLookIsTheFixedSampleTest() {
        assertThat(new SpendingBoundaries(0.05, new double[] {1.0}).critical(0)).isCloseTo(1.95996, Offset.offset(1e-4));
        assertThat(SpendingBoundaries.spent(0.05, 1.0)).isCloseTo(0.05, Offset.offset(1e-12));
        assertThat(SpendingBoundaries.spent(0.05, 0.15)).as("O'Brien–Fleming: almost nothing early").isLessThan(1e-5);
    }

    @Test
    void theSuitesLooksSpendLittleEarlyAndEndNearTheFixedSampleValue() {
        double[] c = SpendingBoundaries.forLooks(0.05, List.of(3, 5, 8, 12, 16, 20)).critical();
        for (int k = 1; k < c.length; k++) {
            assertThat(c[k]).as("boundaries fall look by look").isLessThan(c[k - 1]);
        }
        assertThat(c[c.length - 1]).isBetween(1.96, 2.1);
    }

    @Test
    void badFractionsAreRefused() {
        assertThatThrownBy(() -> new SpendingBoundaries(0.05, new double[] {0.5, 0.9}))
                .hasMessageContaining("must be 1");
        assertThatThrownBy(() -> new SpendingBoundaries(0.05, new double[] {0.5, 0.5, 1}))
                .hasMessageContaining("increase");
        assertThatThrownBy(() -> new SpendingBoundaries(0, new double[] {1})).hasMessageContaining("alpha");
    }
}
