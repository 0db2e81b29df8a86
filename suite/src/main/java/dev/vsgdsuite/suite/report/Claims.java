package dev.vsgdsuite.suite.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vsgdsuite.suite.schema.ConfigException;

/**
 * {@code configs/claims.yaml}: the tolerance δ of the ranking claim, and the published accuracies
 * with the tolerance a measured mean must meet.
 */
public record Claims(double delta, double tolerance, Map<String, Map<String, Double>> published) {

    public static Claims read(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            if (root == null || !root.has("delta") || !root.has("tolerance")) {
                throw new ConfigException(file + ": needs 'delta' and 'tolerance'");
            }
            Map<String, Map<String, Double>> published = new LinkedHashMap<>();
            root.path("published").fields().forEachRemaining(e -> {
                Map<String, Double> values = new LinkedHashMap<>();
                e.getValue().fields().forEachRemaining(v -> values.put(v.getKey(), v.getValue().asDouble()));
                published.put(e.getKey(), values);
            });
            double delta = root.get("delta").asDouble();
            double tolerance = root.get("tolerance").asDouble();
            if (delta < 0 || tolerance < 0) {
                throw new ConfigException(file + ": delta and tolerance must be >= 0");
            }
            return new Claims(delta, tolerance, published);
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The published accuracy of an optimizer in an experiment, or null. */
    public Double published(String experiment, String optimizer) {
        Map<String, Double> m = published.get(experiment);
        return m == null ? null : m.get(optimizer);
    }
}
