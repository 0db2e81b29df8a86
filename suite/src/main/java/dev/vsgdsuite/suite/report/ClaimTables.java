package dev.vsgdsuite.suite.report;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The Markdown tables of a claim outcome: one row per optimizer, one row per comparison. */
public final class ClaimTables {

    private ClaimTables() {}

    /** Per optimizer: mean ± std over seeds, the per-seed values, diverged runs, published value, warm ms/step. */
    public static String optimizers(ClaimCheck.Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append("| optimizer | test accuracy (mean ± std) | seeds | per seed | diverged | published | difference "
                + "| ms/step | vs Adam |\n|---|---|---|---|---|---|---|---|---|\n");
        ClaimCheck.Row adam = o.rows().get("adam");
        for (ClaimCheck.Row r : o.rows().values()) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f %% ± %.2f | %d | %s | %d | %s | %s | %s | %s |%n",
                    r.optimizer(), 100 * r.mean(), 100 * r.std(), r.bySeed().size(), perSeed(r.bySeed()), r.diverged(),
                    r.published() == null ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * r.published()),
                    r.published() == null ? "–" : String.format(Locale.ROOT, "%+.2f", 100 * (r.mean() - r.published())),
                    Double.isFinite(r.msPerIter()) ? String.format(Locale.ROOT, "%.1f", r.msPerIter()) : "–",
                    adam != null && Double.isFinite(r.msPerIter()) && Double.isFinite(adam.msPerIter())
                            ? String.format(Locale.ROOT, "%.2f×", r.msPerIter() / adam.msPerIter()) : "–"));
        }
        return sb.toString();
    }

    /**
     * Per optimizer of {@code experiment}, in the order of {@code o}'s rows: the learning rate(s) its runs trained with and where they came
     * from, e.g. {@code vsgd → "0.003162 (tuned (tuned/E.yaml))"}; "unknown" for runs without a config.
     */
    public static Map<String, String> learningRates(ClaimCheck.Outcome o, String experiment, java.util.List<RunRecord> runs) {
        Map<String, java.util.Set<String>> seen = new java.util.LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (r.experiment().equals(experiment)) {
                RunRecord.LearningRate lr = r.learningRate();
                seen.computeIfAbsent(r.optimizer(), k -> new java.util.TreeSet<>()).add(lr == null ? "unknown"
                        : new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", lr.lr())).stripTrailingZeros()
                                .toPlainString() + " (" + lr.source() + ")");
            }
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String optimizer : o.rows().keySet()) {   // the tables' order
            if (seen.containsKey(optimizer)) {
                out.put(optimizer, String.join(", ", seen.get(optimizer)));
            }
        }
        return out;
    }

    /** Per baseline: VSGD − baseline, its 95 % interval, p, the verdict and the seeds an inconclusive one needs. */
    public static String comparisons(ClaimCheck.Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append("| VSGD vs | n | test | difference (points) | 95 % CI | p | verdict | seeds needed |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Comparison c : o.comparisons()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %+.2f | %s | %s | %s | %s |%n", c.baseline(), c.n(),
                    c.paired() ? "paired t" : "Welch t", 100 * c.difference(), interval(c),
                    Double.isNaN(c.pValue()) ? "–" : String.format(Locale.ROOT, "%.3g", c.pValue()),
                    c.verdict().id(), c.seedsNeeded() == null ? "–" : c.seedsNeeded().toString()));
        }
        for (String m : o.missing()) {
            sb.append("| ").append(m).append(" | 0 | – | – | – | – | no runs | – |\n");
        }
        return sb.toString();
    }

    /** Both tables, as attached to a claim test. */
    public static String all(ClaimCheck.Outcome o) {
        return optimizers(o) + "\n" + comparisons(o);
    }

    /** "[low, high]" in points, or "–" when there are too few seeds for an interval. */
    static String interval(Comparison c) {
        return Double.isNaN(c.ciLow()) ? "–"
                : String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * c.ciLow(), 100 * c.ciHigh());
    }

    private static String perSeed(Map<Long, Double> bySeed) {
        StringJoiner j = new StringJoiner(", ");
        bySeed.forEach((seed, acc) -> j.add(String.format(Locale.ROOT, "s%d %.2f", seed, 100 * acc)));
        return j.toString();
    }
}
