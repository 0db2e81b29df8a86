package dev.vsgdsuite.suite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a JMH JSON result ({@code -rf json -rff FILE}) into the table the README quotes: time per
 * operation with JMH's 99.9 % error, memory throughput for {@link UpdaterStep} (bytes each updater
 * must move per parameter), and the ratio to Adam measured in the same run — the only speed figure
 * that survives a noisy machine. Reads results of the current {@link UpdaterStep} (the baseline its
 * own method, {@code streamFloor}) and of the earlier one (the baseline an {@code updater=stream}
 * value of {@code step}).
 */
public final class BenchSummary {

    /**
     * Bytes one step must read and write per float32 parameter, keyed by {@link Row#subject()}; the
     * one place these numbers are stated.
     * <ul>
     *   <li>VSGD 36: gradient, mug, bg, bhg each read and written (32), plus the non-finite check's
     *       read of the gradient before the step (4).</li>
     *   <li>Adam 24: one pass reads gradient, m, v and writes update, m, v (the suite's torch-exact
     *       step; {@code adam-dl4j}, DL4J's fused native step, moves the same).</li>
     *   <li>AdamW 36: Adam's 24, then DL4J's WeightDecay, one Axpy (update += η·λ·θ) that reads θ and
     *       the update and writes the update (12).</li>
     *   <li>SGD-momentum 16: gradient and velocity, each read and written.</li>
     *   <li>Stream floor 32: four float arrays, each read and written ({@code UpdaterStep.streamFloor};
     *       {@code stream} in results from before it was its own method).</li>
     * </ul>
     */
    static final Map<String, Integer> BYTES_PER_PARAMETER = Map.of(
            "vsgd", 36, "vsgd-scalar", 36, "adam", 24, "adamw", 36, "adam-dl4j", 24, "sgd-momentum", 16,
            "UpdaterStep.streamFloor", 32, "stream", 32);

    /** The parameter value every other row is compared with. */
    static final String BASELINE = "adam";

    /** One benchmark result. {@code params} keeps JMH's order. */
    public record Row(String benchmark, Map<String, String> params, double score, double error, String unit) {
        /** The parameters other than the one naming the optimizer: rows that share them are comparable. */
        Map<String, String> setting() {
            Map<String, String> rest = new LinkedHashMap<>(params);
            rest.remove(optimizerParam());
            return rest;
        }

        String optimizerParam() {
            return params.containsKey("updater") ? "updater" : "optimizer";
        }

        /** The optimizer this row measured, or null for a row without one (a baseline method). */
        String optimizer() {
            return params.get(optimizerParam());
        }

        /** What this row measured: its optimizer, or for a baseline method the benchmark's name. */
        String subject() {
            String optimizer = optimizer();
            return optimizer != null ? optimizer : benchmark;
        }

        /** The benchmark class, e.g. {@code UpdaterStep} of {@code UpdaterStep.step}. */
        String benchmarkClass() {
            int dot = benchmark.lastIndexOf('.');
            return dot < 0 ? benchmark : benchmark.substring(0, dot);
        }
    }

    private BenchSummary() {}

    /** Reads a JMH JSON result file; a file that is not one gets an error naming it and the fix. */
    public static List<Row> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "); write JMH results with -rf json -rff " + file, e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException(file + " is not a JMH result: expected a JSON array of benchmark results; "
                    + "write one with -rf json -rff " + file);
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : root) {
            JsonNode metric = r.path("primaryMetric");
            if (!r.hasNonNull("benchmark") || !metric.has("score")) {
                throw new IOException(file + ": entry " + rows.size() + " lacks 'benchmark' or 'primaryMetric.score'; "
                        + "is it JMH's JSON output (-rf json)?");
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                params.put(p.getKey(), p.getValue().asText());
            }
            String name = r.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            rows.add(new Row(name, params, metric.get("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN),
                    metric.path("scoreUnit").asText()));
        }
        return rows;
    }

    /** Memory throughput in GB/s of an UpdaterStep row, or NaN where it does not apply. */
    static double gigabytesPerSecond(Row row) {
        Integer bytes = BYTES_PER_PARAMETER.get(row.subject());
        String size = row.params().get("size");
        if (bytes == null || size == null || !row.unit().equals("ms/op")) {
            return Double.NaN;
        }
        try {
            return bytes * Double.parseDouble(size) / (row.score() * 1e-3) / 1e9;
        } catch (NumberFormatException e) {
            return Double.NaN;   // a size parameter that is not a number: no throughput, the row is still shown
        }
    }

    /**
     * Score over the score of the {@link #BASELINE} row of the same benchmark class and setting, or
     * NaN: a baseline method of the class (the stream floor) is compared with Adam at its size too.
     */
    static double ratioToBaseline(Row row, List<Row> all) {
        for (Row other : all) {
            if (BASELINE.equals(other.optimizer()) && other.benchmarkClass().equals(row.benchmarkClass())
                    && other.setting().equals(row.setting()) && Objects.equals(other.unit(), row.unit())) {
                return row.score() / other.score();
            }
        }
        return Double.NaN;
    }

    /** The Markdown table of all rows, in the file's order. */
    public static String markdown(List<Row> rows) {
        if (rows.isEmpty()) {
            return "(no benchmark results)\n";
        }
        StringBuilder out = new StringBuilder();
        // Every parameter name in order of appearance: a baseline method lacks the optimizer parameter.
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.params().keySet()));
        List<String> paramNames = new ArrayList<>(names);
        out.append("| benchmark | ");
        paramNames.forEach(p -> out.append(p).append(" | "));
        out.append("time | ± (99.9 %) | GB/s | vs ").append(BASELINE).append(" |\n|---|");
        paramNames.forEach(p -> out.append("---|"));
        out.append("---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| ").append(r.benchmark()).append(" | ");
            paramNames.forEach(p -> out.append(r.params().getOrDefault(p, "")).append(" | "));
            // JMH reports no error (NaN) for a single measured iteration
            out.append(String.format(Locale.ROOT, "%.3f %s | %s | %s | %s |%n", r.score(), r.unit(), format(r.error(), "%.3f"),
                    format(gigabytesPerSecond(r), "%.1f"), format(ratioToBaseline(r, rows), "%.2f×")));
        }
        return out.toString();
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, pattern, value);
    }

    /** {@code java -cp suite/target/vsgd-suite-benchmarks.jar dev.vsgdsuite.suite.bench.BenchSummary FILE}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: BenchSummary JMH_RESULT.json (a file written by JMH with -rf json -rff FILE)"
                    + (args.length == 1 ? "; no such file: " + args[0] : ""));
            System.exit(2);
        }
        System.out.print(markdown(read(Path.of(args[0]))));
    }
}
