package dev.vsgdsuite.suite.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The paper's claim for one experiment, checked on its runs: mean final test accuracy of VSGD ≥ that
 * of Adam − δ and ≥ that of SGD − δ, and every measured mean within the tolerance of the published
 * value where there is one. A diverged run counts as accuracy 0: the optimizer failed the task.
 */
public final class ClaimCheck {

    /** Per optimizer: accuracies over seeds and timing. */
    public record Row(String optimizer, double[] accuracies, int diverged, double msPerIter, Double published) {
        public double mean() {
            return StatUtils.mean(accuracies);
        }

        /** Sample standard deviation over seeds (0 for one seed). */
        public double std() {
            return accuracies.length > 1 ? Math.sqrt(StatUtils.variance(accuracies)) : 0;
        }
    }

    /** The verdict, the table (Markdown) and what failed. */
    public record Outcome(String experiment, boolean reproduced, List<String> failures, String table,
                          Map<String, Row> rows) {}

    private ClaimCheck() {}

    public static Map<String, Row> rows(String experiment, List<RunRecord> runs, Claims claims) {
        Map<String, List<RunRecord>> byOptimizer = new TreeMap<>();
        for (RunRecord r : runs) {
            if (r.experiment().equals(experiment)) {
                byOptimizer.computeIfAbsent(r.optimizer(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String o : order(byOptimizer.keySet())) {
            List<RunRecord> rs = byOptimizer.get(o);
            double[] acc = new double[rs.size()];
            int diverged = 0;
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < acc.length; i++) {
                RunRecord r = rs.get(i);
                acc[i] = r.diverged() ? 0 : r.testAccuracy();
                diverged += r.diverged() ? 1 : 0;
                if (Double.isFinite(r.msPerIter())) {
                    ms.add(r.msPerIter());
                }
            }
            double msMean = ms.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            rows.put(o, new Row(o, acc, diverged, msMean, claims.published(experiment, o)));
        }
        return rows;
    }

    public static Outcome check(String experiment, List<RunRecord> runs, Claims claims) {
        Map<String, Row> rows = rows(experiment, runs, claims);
        List<String> failures = new ArrayList<>();
        Row vsgd = rows.get("vsgd");
        if (vsgd == null) {
            failures.add("no VSGD runs of " + experiment);
        } else {
            for (String baseline : new String[] {"adam", "sgd"}) {
                Row b = rows.get(baseline);
                if (b == null) {
                    failures.add("no " + baseline + " runs of " + experiment);
                } else if (vsgd.mean() < b.mean() - claims.delta()) {
                    failures.add(String.format("VSGD %.4f < %s %.4f - delta %.4f", vsgd.mean(), baseline, b.mean(),
                            claims.delta()));
                }
            }
        }
        for (Row r : rows.values()) {
            if (r.published() != null && Math.abs(r.mean() - r.published()) > claims.tolerance()) {
                failures.add(String.format("%s mean %.4f is %.4f from the published %.3f (tolerance %.3f)", r.optimizer(),
                        r.mean(), r.mean() - r.published(), r.published(), claims.tolerance()));
            }
        }
        return new Outcome(experiment, failures.isEmpty(), failures, table(rows), rows);
    }

    /** Welch's two-sided t-test p-value of VSGD against a baseline; NaN with fewer than two runs each. */
    public static double welchP(Row vsgd, Row baseline) {
        if (vsgd == null || baseline == null || vsgd.accuracies().length < 2 || baseline.accuracies().length < 2) {
            return Double.NaN;
        }
        if (vsgd.std() == 0 && baseline.std() == 0) {
            return vsgd.mean() == baseline.mean() ? 1 : 0;
        }
        return new TTest().tTest(vsgd.accuracies(), baseline.accuracies());
    }

    /** Markdown table: optimizer, mean ± std (seeds), diverged, published and difference, p vs VSGD, ms/step. */
    public static String table(Map<String, Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| optimizer | test accuracy (mean ± std) | seeds | diverged | published | difference | Welch p vs VSGD | ms/step | vs Adam |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        Row vsgd = rows.get("vsgd");
        Row adam = rows.get("adam");
        for (Row r : rows.values()) {
            sb.append(String.format("| %s | %.2f %% ± %.2f | %d | %d | %s | %s | %s | %s | %s |%n", r.optimizer(),
                    100 * r.mean(), 100 * r.std(), r.accuracies().length, r.diverged(),
                    r.published() == null ? "–" : String.format("%.1f %%", 100 * r.published()),
                    r.published() == null ? "–" : String.format("%+.2f", 100 * (r.mean() - r.published())),
                    r == vsgd ? "–" : format(welchP(vsgd, r)),
                    Double.isFinite(r.msPerIter()) ? String.format("%.1f", r.msPerIter()) : "–",
                    adam != null && Double.isFinite(r.msPerIter()) && Double.isFinite(adam.msPerIter())
                            ? String.format("%.2f×", r.msPerIter() / adam.msPerIter()) : "–"));
        }
        return sb.toString();
    }

    private static String format(double p) {
        return Double.isNaN(p) ? "–" : String.format("%.3g", p);
    }

    private static List<String> order(Iterable<String> names) {
        List<String> known = List.of("vsgd", "adam", "adamw", "sgd");
        List<String> out = new ArrayList<>();
        for (String k : known) {
            for (String n : names) {
                if (n.equals(k)) {
                    out.add(n);
                }
            }
        }
        for (String n : names) {
            if (!known.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
