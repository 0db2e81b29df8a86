package dev.vsgdsuite.suite.verdict;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * P(VSGD &gt; baseline) over paired seeds — the share of seeds where VSGD's accuracy is higher, a tie
 * counting one half — with a 95 % percentile-bootstrap interval over seeds, as rliable reports the
 * probability of improvement (Agarwal et al. 2021, NeurIPS). The resampling is seeded, so the
 * interval is the same run to run.
 *
 * @param estimate the share on the seeds themselves
 * @param low      2.5 % quantile of the bootstrap shares
 * @param high     97.5 % quantile
 * @param seeds    the pairs it is computed over
 */
public record ProbabilityOfImprovement(double estimate, double low, double high, int seeds) {

    /** Bootstrap resamples. */
    public static final int RESAMPLES = 2000;
    private static final long SEED = 20250101L;

    /** Over the paired differences VSGD − baseline. */
    public static ProbabilityOfImprovement of(double[] differences) {
        int n = differences.length;
        if (n == 0) {
            return new ProbabilityOfImprovement(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] shares = new double[RESAMPLES];
        double[] sample = new double[n];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = differences[random.nextInt(n)];
            }
            shares[b] = share(sample);
        }
        Arrays.sort(shares);
        return new ProbabilityOfImprovement(share(differences), shares[(int) Math.floor(0.025 * (RESAMPLES - 1))],
                shares[(int) Math.ceil(0.975 * (RESAMPLES - 1))], n);
    }

    static double share(double[] d) {
        double wins = 0;
        for (double x : d) {
            wins += x > 0 ? 1 : x == 0 ? 0.5 : 0;
        }
        return wins / d.length;
    }
}
