package dev.vsgdsuite.vsgd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * One trajectory of a golden file (format: docs/PROTOCOL.md §5): the authors' hyper-parameters, the initial
 * parameters, and per step the inputs and the expected parameters and state.
 */
final class GoldenCase {

    static final Set<String> HYPER_KEYS = Set.of("lr", "ps", "ghattg", "tau1", "tau2", "weight_decay", "eps");

    final String file;
    final String name;
    final String kind;
    final Map<String, Double> hyper;
    final float[] init;
    final JsonNode node;

    private GoldenCase(String file, JsonNode node) {
        this.file = file;
        this.node = node;
        this.name = text(node, "name");
        this.kind = text(node, "kind");
        this.init = floats(node.get("init"));
        Map<String, Double> h = new java.util.LinkedHashMap<>();
        JsonNode hyperNode = node.get("hyper");
        if (hyperNode != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = hyperNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!HYPER_KEYS.contains(e.getKey())) {
                    throw new IllegalArgumentException(file + ": case '" + name + "' has unknown hyper-parameter '"
                            + e.getKey() + "'; known: " + HYPER_KEYS);
                }
                h.put(e.getKey(), e.getValue().asDouble());
            }
        }
        this.hyper = h;
    }

    Vsgd config() {
        return Vsgd.builder()
                .learningRate(hyper.getOrDefault("lr", Vsgd.DEFAULT_LR))
                .ps(hyper.getOrDefault("ps", Vsgd.DEFAULT_PS))
                .ghattg(hyper.getOrDefault("ghattg", Vsgd.DEFAULT_GHATTG))
                .tau1(hyper.getOrDefault("tau1", Vsgd.DEFAULT_TAU1))
                .tau2(hyper.getOrDefault("tau2", Vsgd.DEFAULT_TAU2))
                .eps(hyper.getOrDefault("eps", Vsgd.DEFAULT_EPS))
                .build();
    }

    double weightDecay() {
        return hyper.getOrDefault("weight_decay", 0.0);
    }

    float[][] rows(String key) {
        JsonNode rows = node.get(key);
        if (rows == null) {
            throw new IllegalArgumentException(file + ": case '" + name + "' (" + kind + ") lacks '" + key + "'");
        }
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = floats(rows.get(i));
        }
        return out;
    }

    float[] row(String key) {
        return floats(node.get(key));
    }

    @Override
    public String toString() {
        return file + ": " + name + " (" + kind + ", " + init.length + " params)";
    }

    /** Every case of the golden files in the fixtures folder, plus -Dvsgd.golden=FILE when given. */
    static List<GoldenCase> all() {
        List<Path> files = new ArrayList<>();
        Path fixtures = Paths.get(System.getProperty("vsgd.fixtures", "../fixtures"));
        if (!Files.isDirectory(fixtures)) {
            throw new IllegalStateException("Fixtures folder " + fixtures.toAbsolutePath()
                    + " not found; run the tests from the project (mvn -pl vsgd test) or set -Dvsgd.fixtures=DIR");
        }
        try (Stream<Path> s = Files.list(fixtures)) {
            s.filter(p -> p.getFileName().toString().startsWith("vsgd-golden") && p.toString().endsWith(".json"))
                    .sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String extra = System.getProperty("vsgd.golden", "").trim();
        if (!extra.isEmpty()) {
            Path p = Paths.get(extra);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("-Dvsgd.golden=" + extra + ": no such file ("
                        + p.toAbsolutePath() + "); give a path relative to the vsgd module or an absolute one");
            }
            files.add(p);
        }
        List<GoldenCase> cases = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (Path p : files) {
            try {
                JsonNode root = mapper.readTree(p.toFile());
                JsonNode list = root.get("cases");
                if (list == null || !list.isArray() || list.size() == 0) {
                    throw new IllegalArgumentException(p + ": no \"cases\" array (format: docs/PROTOCOL.md §5)");
                }
                for (JsonNode c : list) {
                    cases.add(new GoldenCase(p.getFileName().toString(), c));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read golden file " + p + ": " + e.getMessage(), e);
            }
        }
        return cases;
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new IllegalArgumentException("golden case lacks '" + key + "'");
        }
        return v.asText();
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
