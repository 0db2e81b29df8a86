package dev.vsgdsuite.suite.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import dev.vsgdsuite.suite.schema.ConfigException;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The sequential rule that decides VSGD against one baseline as paired seeds come in
 * (docs/PROTOCOL.md §4.4). Seeds run in rounds; after each round's last seed (a <em>look</em>, at the
 * declared seed counts n₁ &lt; … &lt; n_K = MAX) the paired differences d_s = acc_VSGD − acc_baseline
 * give a <em>repeated confidence interval</em> for their mean μ:
 *
 * <pre>  d̄ ± q_k · s / √n_k,   q_k = t⁻¹_{n_k−1}(Φ(c_k))</pre>
 *
 * where c_k is look k's critical value of a two-sided Lan–DeMets O'Brien–Fleming-type α-spending
 * design at information fraction n_k / MAX ({@link SpendingBoundaries}), carried from the normal to
 * Student's t with n_k − 1 degrees of freedom because σ is estimated. The intervals of all looks
 * cover μ together with probability ≥ 1 − α (Jennison &amp; Turnbull 1989, JRSS B 51:305–361), whatever
 * the rule that stops, so each decision below is wrong with probability at most α:
 *
 * <ul>
 *   <li>{@code reproduced}: the interval lies above 0;</li>
 *   <li>{@code contradicted}: it lies below 0;</li>
 *   <li>{@code equivalent}: it lies inside (−margin, +margin) — two one-sided tests at level α/2 each;</li>
 *   <li>{@code inconclusive}: none of these by the last look.</li>
 * </ul>
 *
 * The first look that decides is the outcome; later looks (for another baseline) do not change it.
 *
 * @param looks  the seed counts of the looks, increasing, the first ≥ 2; the last is MAX
 * @param alpha  the two-sided error rate of a decision, in (0, 1)
 * @param margin the half-width of "no difference that matters", as a fraction of accuracy, ≥ 0
 */
public record SequentialDesign(List<Integer> looks, double alpha, double margin) {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    private static final ConcurrentHashMap<SequentialDesign, double[]> QUANTILES = new ConcurrentHashMap<>();

    public SequentialDesign {
        looks = List.copyOf(looks);
        if (looks.isEmpty() || looks.get(0) < 2) {
            throw new IllegalArgumentException("looks = " + looks + ": give at least one look, the first after >= 2 seeds");
        }
        for (int i = 1; i < looks.size(); i++) {
            if (looks.get(i) <= looks.get(i - 1)) {
                throw new IllegalArgumentException("looks = " + looks + " must increase");
            }
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha = " + alpha + " must be in (0, 1)");
        }
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("margin = " + margin + " must be >= 0");
        }
    }

    /** The section of {@code configs/claims.yaml} that declares the design. */
    public static final String SECTION = "sequential";
    private static final java.util.Set<String> KEYS = java.util.Set.of("looks", "alpha", "margin", "margin_reason");

    /**
     * The design declared under {@value #SECTION} in {@code file} (configs/claims.yaml): {@code looks},
     * {@code alpha}, {@code margin} and {@code margin_reason}, the reason for the margin, all required.
     *
     * @throws ConfigException naming the file and the key
     */
    public static SequentialDesign read(java.nio.file.Path file) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        com.fasterxml.jackson.databind.JsonNode s = root == null ? null : root.get(SECTION);
        String where = file + ": " + SECTION;
        if (s == null || !s.isObject()) {
            throw new ConfigException(where + " is missing; declare looks, alpha, margin and margin_reason there");
        }
        s.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new ConfigException(where + ": unknown key '" + k + "'; valid: " + KEYS);
            }
        });
        for (String k : KEYS) {
            if (!s.has(k)) {
                throw new ConfigException(where + "." + k + " is missing");
            }
        }
        if (!s.get("looks").isArray() || !s.get("alpha").isNumber() || !s.get("margin").isNumber()
                || !s.get("margin_reason").isTextual() || s.get("margin_reason").asText().isBlank()) {
            throw new ConfigException(where + ": looks must be a list of seed counts, alpha and margin numbers, "
                    + "margin_reason a sentence");
        }
        List<Integer> looks = new ArrayList<>();
        s.get("looks").forEach(n -> {
            if (!n.canConvertToInt() || n.isFloatingPointNumber()) {
                throw new ConfigException(where + ".looks: " + n + " is not a whole number of seeds");
            }
            looks.add(n.asInt());
        });
        try {
            return new SequentialDesign(looks, s.get("alpha").asDouble(), s.get("margin").asDouble());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The same design for sequences of at most {@code max} seeds ({@code seeds: auto:MAX}): the looks
     * before {@code max}, then {@code max} as the last.
     */
    public SequentialDesign upTo(int max) {
        if (max == max()) {
            return this;
        }
        List<Integer> fewer = new ArrayList<>(looks.stream().filter(n -> n < max).toList());
        fewer.add(max);
        return new SequentialDesign(fewer, alpha, margin);
    }

    /** The most seeds a sequence takes (the last look). */
    public int max() {
        return looks.get(looks.size() - 1);
    }

    /** The design's critical values. */
    public SpendingBoundaries boundaries() {
        return SpendingBoundaries.forLooks(alpha, looks);
    }

    /** Per look: its critical value, then the t quantile q_k of the interval; computed once per design. */
    private double[] quantiles() {
        return QUANTILES.computeIfAbsent(this, d -> {
            double[] c = d.boundaries().critical();
            double[] out = new double[2 * c.length];
            for (int k = 0; k < c.length; k++) {
                out[2 * k] = c[k];
                out[2 * k + 1] = new TDistribution(null, d.looks.get(k) - 1)
                        .inverseCumulativeProbability(NORMAL.cumulativeProbability(c[k]));
            }
            return out;
        });
    }

    /**
     * Every look the differences reach, in order, up to and including the first that decides.
     *
     * @param differences paired differences in seed order (the order the seeds ran)
     */
    public List<Look> decide(double[] differences) {
        List<Look> out = new ArrayList<>();
        for (int k = 0; k < looks.size() && looks.get(k) <= differences.length; k++) {
            Look look = look(k, differences);
            out.add(look);
            if (look.outcome().decided()) {
                break;
            }
        }
        return out;
    }

    /** The outcome of {@code differences}: the deciding look's, else continue (more seeds to run). */
    public Outcome outcome(double[] differences) {
        List<Look> all = decide(differences);
        return all.isEmpty() ? Outcome.CONTINUE : all.get(all.size() - 1).outcome();
    }

    /** Look {@code k} (0-based) over the first looks.get(k) differences. */
    Look look(int k, double[] differences) {
        int n = looks.get(k);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += differences[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            squares += (differences[i] - mean) * (differences[i] - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double[] quantiles = quantiles();
        double critical = quantiles[2 * k];
        double q = quantiles[2 * k + 1];
        double half = q * sd / Math.sqrt(n);
        double lo = mean - half;
        double hi = mean + half;
        Outcome o;
        if (lo > 0) {
            o = Outcome.REPRODUCED;
        } else if (hi < 0) {
            o = Outcome.CONTRADICTED;
        } else if (lo > -margin && hi < margin) {
            o = Outcome.EQUIVALENT;
        } else {
            o = k == looks.size() - 1 ? Outcome.INCONCLUSIVE : Outcome.CONTINUE;
        }
        return new Look(k + 1, n, mean, sd, critical, lo, hi, o);
    }
}
