package dev.vsgdsuite.suite.report;

import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * How many seeds per optimizer an inconclusive comparison would need: the smallest n at which an
 * interval with the observed mean gap and spread would exclude −δ, i.e. |d̄ + δ| > t_{0.975, df(n)}·s/√n.
 * A planning figure, not a promise: the spread estimated from few seeds is itself uncertain.
 *
 * @param seeds  that n, or {@link #CAP} + 1 when even {@link #CAP} seeds would not do
 */
public record SeedsNeeded(int seeds) {

    /** Beyond this the answer is "more than 100". */
    public static final int CAP = 100;

    /**
     * @param gap    d̄ + δ: the observed distance of the mean difference from the margin
     * @param spread the standard deviation of a per-seed difference (paired), or √(s₁² + s₂²) (two samples)
     * @param paired paired (df n − 1) or two samples of n each (df 2n − 2)
     * @return null when the gap is within rounding of the margin: no number of seeds settles it
     */
    static SeedsNeeded estimate(double gap, double spread, boolean paired) {
        if (!(Math.abs(gap) > Comparison.ROUNDING) || !Double.isFinite(spread)) {
            return null;
        }
        for (int n = 2; n <= CAP; n++) {
            double df = paired ? n - 1 : 2.0 * n - 2;
            double half = new TDistribution(df).inverseCumulativeProbability(1 - (1 - Comparison.LEVEL) / 2)
                    * spread / Math.sqrt(n);
            if (Math.abs(gap) > half) {
                return new SeedsNeeded(n);
            }
        }
        return new SeedsNeeded(CAP + 1);
    }

    /** True when more than {@link #CAP} seeds would be needed. */
    public boolean beyondCap() {
        return seeds > CAP;
    }

    /** A number in results.json, or the text "more than 100". */
    @JsonValue
    public Object json() {
        return beyondCap() ? "more than " + CAP : seeds;
    }

    @Override
    public String toString() {
        return String.valueOf(json());
    }
}
