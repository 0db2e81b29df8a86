package dev.vsgdsuite.suite.verdict;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The critical values of a symmetric two-sided group-sequential design whose type-I error α is
 * spent, α/2 on each side, with the Lan–DeMets O'Brien–Fleming-type function (Lan &amp; DeMets 1983,
 * Biometrika 70:659–663; {@link #spent}) over looks at information fractions t₁ &lt; … &lt; t_K = 1.
 *
 * <p>Under no difference the standardised statistics Z_k = S_k/√t_k come from a Brownian motion S
 * observed at t_k (independent increments, Var S_k = t_k). The critical value c_k is the one at
 * which the probability of first crossing ±c_k at look k, having stayed inside at every earlier
 * look, equals α(t_k) − α(t_{k−1}); that probability is computed by integrating the density of S
 * over the continuation region look by look (Armitage, McPherson &amp; Rowe 1969; Jennison &amp;
 * Turnbull 2000, ch. 19) on a grid with Simpson's rule.
 *
 * <p>Over K = 5 equally spaced looks at α = 0.05 this gives 4.877, 3.357, 2.680, 2.290, 2.031, the
 * values rpact and gsDesign report for this spending function (SequentialDesignTest).
 */
public final class SpendingBoundaries {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    /** Grid points over a continuation region (odd, for Simpson's rule). */
    private static final int GRID = 1201;

    private final double alpha;
    private final double[] fractions;
    private final double[] critical;

    /**
     * @param alpha     the two-sided type-I error, in (0, 1)
     * @param fractions the looks' information fractions, increasing, the last 1
     */
    public SpendingBoundaries(double alpha, double[] fractions) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha = " + alpha + " must be in (0, 1)");
        }
        if (fractions.length == 0 || Math.abs(fractions[fractions.length - 1] - 1) > 1e-12) {
            throw new IllegalArgumentException("the last look's information fraction must be 1: " + Arrays.toString(fractions));
        }
        for (int k = 0; k < fractions.length; k++) {
            if (!(fractions[k] > 0) || (k > 0 && fractions[k] <= fractions[k - 1])) {
                throw new IllegalArgumentException("information fractions must increase from above 0: " + Arrays.toString(fractions));
            }
        }
        this.alpha = alpha;
        this.fractions = fractions.clone();
        this.critical = compute(alpha, this.fractions);
    }

    /** The boundaries for looks after {@code seeds} seeds, the last being the most ({@code MAX}). */
    public static SpendingBoundaries forLooks(double alpha, List<Integer> seeds) {
        double max = seeds.get(seeds.size() - 1);
        return new SpendingBoundaries(alpha, seeds.stream().mapToDouble(n -> n / max).toArray());
    }

    /**
     * Two-sided α spent by information fraction t: each side spends α/2 by the O'Brien–Fleming-type
     * function α'(t) = 2 − 2Φ(Φ⁻¹(1 − α'/2)/√t) of α' = α/2, as symmetric two-sided designs do in rpact
     * and gsDesign.
     */
    public static double spent(double alpha, double t) {
        double side = alpha / 2;
        return 2 * 2 * (1 - NORMAL.cumulativeProbability(NORMAL.inverseCumulativeProbability(1 - side / 2) / Math.sqrt(t)));
    }

    /** The critical value |Z| ≥ c_k of look k (0-based). */
    public double critical(int look) {
        return critical[look];
    }

    /** The number of looks. */
    public int looks() {
        return critical.length;
    }

    public double alpha() {
        return alpha;
    }

    /** All critical values, look by look. */
    public double[] critical() {
        return critical.clone();
    }

    private static double[] compute(double alpha, double[] t) {
        int k = t.length;
        double[] c = new double[k];
        double[] grid = null;     // S values of the continuation region of the previous look
        double[] density = null;  // sub-density of S there (paths that never crossed)
        double previousSpent = 0;
        for (int i = 0; i < k; i++) {
            double target = spent(alpha, t[i]) - previousSpent;
            previousSpent += target;
            double dt = i == 0 ? t[0] : t[i] - t[i - 1];
            double[] g = grid;
            double[] f = density;
            double lo = 0;
            double hi = 40;
            for (int iter = 0; iter < 100; iter++) {
                double mid = (lo + hi) / 2;
                double crossing = crossing(mid * Math.sqrt(t[i]), g, f, dt);
                if (crossing > target) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            c[i] = (lo + hi) / 2;
            double b = c[i] * Math.sqrt(t[i]);
            double[] next = new double[GRID];
            double[] nextDensity = new double[GRID];
            for (int j = 0; j < GRID; j++) {
                next[j] = -b + 2 * b * j / (GRID - 1);
                nextDensity[j] = g == null ? phi(next[j], t[0]) : integrate(g, f, next[j], dt);
            }
            grid = next;
            density = nextDensity;
        }
        return c;
    }

    /** P(first crossing ±b now): from S = 0 at the first look, else from the previous region's density. */
    private static double crossing(double b, double[] g, double[] f, double dt) {
        double sd = Math.sqrt(dt);
        if (g == null) {
            return 2 * (1 - NORMAL.cumulativeProbability(b / sd));
        }
        double[] values = new double[g.length];
        for (int j = 0; j < g.length; j++) {
            values[j] = f[j] * (1 - NORMAL.cumulativeProbability((b - g[j]) / sd)
                    + NORMAL.cumulativeProbability((-b - g[j]) / sd));
        }
        return simpson(g, values);
    }

    /** The density at s of the previous region's paths after a step of variance dt. */
    private static double integrate(double[] g, double[] f, double s, double dt) {
        double[] values = new double[g.length];
        for (int j = 0; j < g.length; j++) {
            values[j] = f[j] * phi(s - g[j], dt);
        }
        return simpson(g, values);
    }

    private static double phi(double x, double variance) {
        return Math.exp(-x * x / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
    }

    private static double simpson(double[] x, double[] y) {
        int n = x.length - 1;
        double h = (x[n] - x[0]) / n;
        double sum = y[0] + y[n];
        for (int j = 1; j < n; j++) {
            sum += (j % 2 == 1 ? 4 : 2) * y[j];
        }
        return sum * h / 3;
    }
}
