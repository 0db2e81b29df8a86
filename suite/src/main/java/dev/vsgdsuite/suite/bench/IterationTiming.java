package dev.vsgdsuite.suite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One network × optimizer's training-iteration time, as one JSON line: what
 * {@code tools/torch_reference.py} prints for PyTorch ({@code "impl": "pytorch"}) and
 * {@code bench-training --json} writes for the suite ({@code "impl": "vsgd-suite"}). Times are in ms,
 * the median and quartiles of the measured rounds.
 *
 * @param peakRssBytes the process's peak resident memory after this network's rounds, or null
 */
public record IterationTiming(String impl, String network, String optimizer, int batch, long parameters, int warmup,
                              int rounds, double medianMs, double q1Ms, double q3Ms, int threads, Long peakRssBytes) {

    public static final String PYTORCH = "pytorch";
    public static final String SUITE = "vsgd-suite";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** This timing as one line of JSON, with the field names of the script's output. */
    public String toJsonLine() {
        ObjectNode o = JSON.createObjectNode();
        o.put("impl", impl).put("network", network).put("optimizer", optimizer).put("batch", batch)
                .put("parameters", parameters).put("warmup", warmup).put("rounds", rounds).put("median_ms", medianMs)
                .put("q1_ms", q1Ms).put("q3_ms", q3Ms).put("threads", threads).put("peak_rss_bytes", peakRssBytes);
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the PyTorch timings of {@code file} (the script's stdout). */
    public static List<IterationTiming> readPyTorch(Path file) throws IOException {
        return parsePyTorch(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses the script's JSON lines: blank lines and lines starting with {@code #} are skipped, every
     * other line must be one PyTorch timing of a known network, each network × optimizer once.
     *
     * @param source the file's name, for the messages
     * @throws IOException naming the source, the line and the field, and how to get a valid file
     */
    public static List<IterationTiming> parsePyTorch(List<String> lines, String source) throws IOException {
        List<IterationTiming> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            IterationTiming t = parseLine(line, where);
            Integer earlier = seen.put(t.network() + "/" + t.optimizer(), i + 1);
            if (earlier != null) {
                throw new IOException(where + " repeats network " + t.network() + " with " + t.optimizer() + " (line "
                        + earlier + "); give the output of one run of tools/torch_reference.py");
            }
            out.add(t);
        }
        if (out.isEmpty()) {
            throw new IOException(source + " holds no timings; it should be the output of "
                    + "/usr/bin/python3 tools/torch_reference.py > " + source);
        }
        return out;
    }

    private static IterationTiming parseLine(String line, String where) throws IOException {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException(where + " is not JSON (" + e.getOriginalMessage() + "); expected one line of "
                    + "tools/torch_reference.py's output", e);
        }
        if (o == null || !o.isObject()) {
            throw new IOException(where + " is not a JSON object; expected one line of tools/torch_reference.py's output");
        }
        String impl = text(o, "impl", where);
        if (!impl.equals(PYTORCH)) {
            throw new IOException(where + ": impl is '" + impl + "', not '" + PYTORCH + "'; give the output of "
                    + "tools/torch_reference.py, not of bench-training --json");
        }
        String network = text(o, "network", where);
        try {
            BenchNetwork.of(network);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
        IterationTiming t = new IterationTiming(impl, network, text(o, "optimizer", where),
                (int) whole(o, "batch", 1, where), whole(o, "parameters", 1, where), (int) whole(o, "warmup", 0, where),
                (int) whole(o, "rounds", 1, where), positive(o, "median_ms", where), positive(o, "q1_ms", where),
                positive(o, "q3_ms", where), (int) whole(o, "threads", 1, where),
                o.hasNonNull("peak_rss_bytes") ? whole(o, "peak_rss_bytes", 1, where) : null);
        if (!(t.q1Ms() <= t.medianMs() && t.medianMs() <= t.q3Ms())) {
            throw new IOException(where + ": q1_ms " + t.q1Ms() + " <= median_ms " + t.medianMs() + " <= q3_ms "
                    + t.q3Ms() + " does not hold; the line was not written by tools/torch_reference.py");
        }
        return t;
    }

    private static String text(JsonNode o, String field, String where) throws IOException {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IOException(where + ": field '" + field + "' is " + describe(v) + ", expected a non-empty string");
        }
        return v.asText();
    }

    private static long whole(JsonNode o, String field, long min, String where) throws IOException {
        JsonNode v = o.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < min) {
            throw new IOException(where + ": field '" + field + "' is " + describe(v) + ", expected an integer >= " + min);
        }
        return v.asLong();
    }

    private static double positive(JsonNode o, String field, String where) throws IOException {
        JsonNode v = o.get(field);
        if (v == null || !v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
            throw new IOException(where + ": field '" + field + "' is " + describe(v) + ", expected a number of ms > 0");
        }
        return v.asDouble();
    }

    private static String describe(JsonNode v) {
        return v == null ? "missing" : v.toString();
    }
}
