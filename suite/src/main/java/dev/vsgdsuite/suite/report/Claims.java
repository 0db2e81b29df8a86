package dev.vsgdsuite.suite.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vsgdsuite.suite.schema.ConfigException;

/**
 * {@code configs/claims.yaml}: the baselines VSGD is claimed to beat, the margin δ of "VSGD ≥
 * baseline − δ", and the published accuracies with the tolerance a measured mean must meet.
 */
public record Claims(List<String> baselines, double delta, double tolerance, Map<String, Map<String, Double>> published) {

    private static final Set<String> KEYS = Set.of("baselines", "delta", "tolerance", "published", "sequential");

    public Claims {
        baselines = List.copyOf(baselines);
        if (!(delta >= 0) || !(tolerance >= 0)) {
            throw new ConfigException("claims: delta and tolerance must be >= 0, got " + delta + " and " + tolerance);
        }
    }

    public static Claims read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": expected a mapping with " + KEYS);
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new ConfigException(file + ": unknown key '" + k + "'; valid: " + KEYS);
            }
        });
        if (!root.path("delta").isNumber() || !root.path("tolerance").isNumber()) {
            throw new ConfigException(file + ": needs numbers 'delta' and 'tolerance'");
        }
        List<String> baselines = new ArrayList<>();
        if (root.has("baselines")) {
            root.get("baselines").forEach(b -> baselines.add(b.asText()));
        } else {
            baselines.addAll(List.of("adam", "sgd"));
        }
        Map<String, Map<String, Double>> published = new LinkedHashMap<>();
        root.path("published").fields().forEachRemaining(e -> {
            Map<String, Double> values = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(v -> values.put(v.getKey(), v.getValue().asDouble()));
            published.put(e.getKey(), values);
        });
        return new Claims(baselines, root.get("delta").asDouble(), root.get("tolerance").asDouble(), published);
    }

    /** The published accuracy of an optimizer in an experiment, or null. */
    public Double published(String experiment, String optimizer) {
        Map<String, Double> m = published.get(experiment);
        return m == null ? null : m.get(optimizer);
    }

    /** True when some optimizer of {@code experiment} has a published accuracy. */
    public boolean hasPublished(String experiment) {
        return published.containsKey(experiment) && !published.get(experiment).isEmpty();
    }
}
