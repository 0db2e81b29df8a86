package dev.vsgdsuite.suite.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.commons.math3.stat.StatUtils;

/**
 * The paper's claim for one experiment, judged on its runs: for each baseline of
 * {@code configs/claims.yaml}, VSGD ≥ baseline − δ by a {@link Comparison} over seeds (paired when
 * the seeds pair). Separately, each measured mean is checked against the published value where
 * there is one. A diverged run counts as accuracy 0: the optimizer failed the task.
 */
public final class ClaimCheck {

    /** The optimizer whose claim is checked. */
    public static final String VSGD = "vsgd";

    /** Per optimizer: final accuracy per seed (0 for a diverged run), timing, published value. */
    public record Row(String optimizer, SortedMap<Long, Double> bySeed, int diverged, double msPerIter, Double published) {
        public double[] accuracies() {
            return bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
        }

        public double mean() {
            return StatUtils.mean(accuracies());
        }

        /** Sample standard deviation over seeds (0 for one seed). */
        public double std() {
            return bySeed.size() > 1 ? Math.sqrt(StatUtils.variance(accuracies())) : 0;
        }
    }

    /**
     * One experiment's outcome.
     *
     * @param comparisons     VSGD against each baseline of the claim that has runs
     * @param missing         claim optimizers (VSGD or a baseline) without runs
     * @param publishedMisses measured means outside the tolerance of a published value
     * @param duplicates      runs of an experiment × optimizer × seed already counted (ignored)
     */
    public record Outcome(String experiment, Map<String, Row> rows, List<Comparison> comparisons, List<String> missing,
                          List<String> publishedMisses, List<String> duplicates) {

        /** Reproduced only when every baseline's comparison is; contradicted when any is; else inconclusive. */
        public Verdict verdict() {
            if (comparisons.stream().anyMatch(c -> c.verdict() == Verdict.CONTRADICTED)) {
                return Verdict.CONTRADICTED;
            }
            boolean all = missing.isEmpty() && !comparisons.isEmpty() && comparisons.stream().allMatch(Comparison::reproduced);
            return all ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE;
        }

        public boolean reproduced() {
            return verdict() == Verdict.REPRODUCED;
        }

        /** Why the verdict is what it is, one clause per baseline. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            missing.forEach(m -> parts.add("no " + m + " runs"));
            for (Comparison c : comparisons) {
                parts.add(String.format("vs %s: %s, difference %+.2f points, 95 %% CI %s, %s%s", c.baseline(), c.verdict().id(),
                        100 * c.difference(), ClaimTables.interval(c), c.reason(),
                        c.seedsNeeded() == null ? "" : "; seeds needed: " + c.seedsNeeded()));
            }
            return String.join("; ", parts);
        }
    }

    private ClaimCheck() {}

    public static Outcome check(String experiment, List<RunRecord> runs, Claims claims) {
        List<String> duplicates = new ArrayList<>();
        Map<String, Row> rows = rows(experiment, runs, claims, duplicates);
        List<Comparison> comparisons = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Row vsgd = rows.get(VSGD);
        if (vsgd == null) {
            missing.add(VSGD);
        }
        for (String baseline : claims.baselines()) {
            Row b = rows.get(baseline);
            if (b == null) {
                missing.add(baseline);
            } else if (vsgd != null) {
                comparisons.add(Comparison.of(baseline, vsgd.bySeed(), b.bySeed(), claims.delta()));
            }
        }
        List<String> misses = new ArrayList<>();
        for (Row r : rows.values()) {
            if (r.published() != null && Math.abs(r.mean() - r.published()) > claims.tolerance()) {
                misses.add(String.format("%s mean %.4f is %+.4f from the published %.3f (tolerance %.3f)", r.optimizer(),
                        r.mean(), r.mean() - r.published(), r.published(), claims.tolerance()));
            }
        }
        return new Outcome(experiment, rows, comparisons, missing, misses, duplicates);
    }

    /** The rows of one experiment, VSGD first, then the claims' baselines, then any other optimizer. */
    static Map<String, Row> rows(String experiment, List<RunRecord> runs, Claims claims, List<String> duplicates) {
        Map<String, List<RunRecord>> byOptimizer = new TreeMap<>();
        for (RunRecord r : runs) {
            if (r.experiment().equals(experiment)) {
                byOptimizer.computeIfAbsent(r.optimizer(), k -> new ArrayList<>()).add(r);
            }
        }
        List<String> order = new ArrayList<>(List.of(VSGD));
        claims.baselines().forEach(b -> { if (!order.contains(b)) order.add(b); });
        byOptimizer.keySet().forEach(o -> { if (!order.contains(o)) order.add(o); });
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String o : order) {
            if (byOptimizer.containsKey(o)) {
                rows.put(o, row(experiment, o, byOptimizer.get(o), claims, duplicates));
            }
        }
        return rows;
    }

    private static Row row(String experiment, String optimizer, List<RunRecord> runs, Claims claims,
                           List<String> duplicates) {
        SortedMap<Long, Double> bySeed = new TreeMap<>();
        int diverged = 0;
        List<Double> ms = new ArrayList<>();
        for (RunRecord r : runs) {
            if (bySeed.containsKey(r.seed())) {
                duplicates.add(experiment + " · " + optimizer + " · seed " + r.seed() + " (" + r.dir() + ")");
                continue;
            }
            bySeed.put(r.seed(), r.diverged() ? 0 : r.testAccuracy());
            diverged += r.diverged() ? 1 : 0;
            if (Double.isFinite(r.msPerIter())) {
                ms.add(r.msPerIter());
            }
        }
        double msMedian = ms.isEmpty() ? Double.NaN
                : StatUtils.percentile(ms.stream().mapToDouble(Double::doubleValue).toArray(), 50);
        return new Row(optimizer, bySeed, diverged, msMedian, claims.published(experiment, optimizer));
    }
}
