package dev.vsgdsuite.suite.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.vsgdsuite.suite.train.Json;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * VSGD against one baseline on one experiment, over seeds: the difference of final test accuracies
 * VSGD − baseline with its 95 % confidence interval and two-sided p-value, and the {@link Verdict}
 * against the margin δ.
 *
 * <p>When both optimizers ran exactly the same seeds, runs of one seed share their initial weights
 * and batch order, so the comparison is <em>paired</em>: Student's t on the per-seed differences
 * d_s, n − 1 degrees of freedom. Otherwise it is Welch's unequal-variance t on the two samples
 * (Welch–Satterthwaite degrees of freedom), and {@link #paired()} says so.
 *
 * @param baseline    the baseline optimizer's name
 * @param n           pairs (paired), or the smaller of the two sample sizes (Welch)
 * @param paired      true when every seed has a run of both optimizers
 * @param difference  mean VSGD − baseline (mean of d_s when paired), as a fraction
 * @param ciLow       lower end of the 95 % interval (NaN with too few seeds)
 * @param ciHigh      upper end
 * @param pValue      two-sided p-value of "no difference" (NaN with too few seeds)
 * @param verdict     reproduced / contradicted / inconclusive against −δ
 * @param seedsNeeded for an inconclusive verdict, the seeds per optimizer at which the observed spread
 *                    would put the interval clear of −δ; null otherwise or when it cannot be said
 * @param reason      one sentence on why the verdict is what it is
 */
@JsonPropertyOrder({"baseline", "n", "paired", "difference", "ci_low", "ci_high", "p_value", "verdict", "seeds_needed",
        "reason"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Comparison(String baseline, int n, boolean paired,
                         @JsonSerialize(using = Json.FiniteOrNull.class) double difference,
                         @JsonSerialize(using = Json.FiniteOrNull.class) double ciLow,
                         @JsonSerialize(using = Json.FiniteOrNull.class) double ciHigh,
                         @JsonSerialize(using = Json.FiniteOrNull.class) double pValue,
                         Verdict verdict, SeedsNeeded seedsNeeded, String reason) {

    /** Confidence level of the interval. */
    public static final double LEVEL = 0.95;
    /** Differences closer than this to −δ are "on the margin": no number of seeds separates them. */
    static final double ROUNDING = 1e-9;

    /**
     * Compares VSGD's accuracies with a baseline's, each keyed by seed (a diverged run is 0).
     *
     * @param delta the margin δ ≥ 0 of the claim VSGD ≥ baseline − δ
     */
    public static Comparison of(String baseline, Map<Long, Double> vsgd, Map<Long, Double> other, double delta) {
        if (vsgd.keySet().equals(other.keySet())) {
            return paired(baseline, vsgd, other, delta);
        }
        return welch(baseline, values(vsgd), values(other), delta);
    }

    private static Comparison paired(String baseline, Map<Long, Double> vsgd, Map<Long, Double> other, double delta) {
        Map<Long, Double> sortedVsgd = new TreeMap<>(vsgd);
        double[] d = new double[sortedVsgd.size()];
        int i = 0;
        for (Map.Entry<Long, Double> e : sortedVsgd.entrySet()) {
            d[i++] = e.getValue() - other.get(e.getKey());
        }
        int n = d.length;
        double mean = n == 0 ? Double.NaN : StatUtils.mean(d);
        if (n < 2) {
            return tooFew(baseline, n, true, mean);
        }
        double sd = Math.sqrt(StatUtils.variance(d));
        double se = sd / Math.sqrt(n);
        return judged(baseline, n, true, mean, se, n - 1, delta, sd, 0);
    }

    private static Comparison welch(String baseline, double[] vsgd, double[] other, double delta) {
        int n = Math.min(vsgd.length, other.length);
        double mean = vsgd.length == 0 || other.length == 0 ? Double.NaN : StatUtils.mean(vsgd) - StatUtils.mean(other);
        if (n < 2) {
            return tooFew(baseline, n, false, mean);
        }
        double v1 = StatUtils.variance(vsgd) / vsgd.length;
        double v2 = StatUtils.variance(other) / other.length;
        double se = Math.sqrt(v1 + v2);
        double df = (v1 + v2) * (v1 + v2)
                / (v1 * v1 / (vsgd.length - 1) + v2 * v2 / (other.length - 1));
        return judged(baseline, n, false, mean, se, df, delta, Math.sqrt(StatUtils.variance(vsgd)),
                Math.sqrt(StatUtils.variance(other)));
    }

    /** The interval and the verdict from the mean difference, its standard error and degrees of freedom. */
    private static Comparison judged(String baseline, int n, boolean paired, double mean, double se, double df,
                                     double delta, double sd1, double sd2) {
        double low;
        double high;
        double p;
        if (se == 0 || Double.isNaN(df)) {
            low = mean;
            high = mean;
            p = mean == 0 ? 1 : 0;
        } else {
            TDistribution t = new TDistribution(df);
            double half = t.inverseCumulativeProbability(1 - (1 - LEVEL) / 2) * se;
            low = mean - half;
            high = mean + half;
            p = 2 * t.cumulativeProbability(-Math.abs(mean / se));
        }
        String test = paired ? "paired t over " + n + " seeds" : "Welch's t (the seeds do not all pair)";
        if (low > -delta) {
            return new Comparison(baseline, n, paired, mean, low, high, p, Verdict.REPRODUCED, null,
                    "the 95 % interval (" + test + ") lies above −δ");
        }
        if (high < -delta) {
            return new Comparison(baseline, n, paired, mean, low, high, p, Verdict.CONTRADICTED, null,
                    "the 95 % interval (" + test + ") lies below −δ");
        }
        SeedsNeeded needed = SeedsNeeded.estimate(mean + delta, paired ? sd1 : Math.hypot(sd1, sd2), paired);
        return new Comparison(baseline, n, paired, mean, low, high, p, Verdict.INCONCLUSIVE, needed,
                "the 95 % interval (" + test + ") contains −δ");
    }

    private static Comparison tooFew(String baseline, int n, boolean paired, double mean) {
        return new Comparison(baseline, n, paired, mean, Double.NaN, Double.NaN, Double.NaN, Verdict.INCONCLUSIVE,
                null, n == 0 ? "no runs to compare" : "one seed: no spread to form an interval from (two or more needed)");
    }

    private static double[] values(Map<Long, Double> bySeed) {
        List<Double> v = new ArrayList<>(new TreeMap<>(bySeed).values());
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** True when this comparison reproduces the claim. */
    @JsonIgnore
    public boolean reproduced() {
        return verdict == Verdict.REPRODUCED;
    }
}
