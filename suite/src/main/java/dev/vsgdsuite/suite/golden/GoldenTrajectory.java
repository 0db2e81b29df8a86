package dev.vsgdsuite.suite.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Section;

/**
 * One reference trajectory of an optimizer, float32, in the golden-file format of docs/PROTOCOL.md
 * §5: the optimizer and its settings, the initial parameters, and per step either the gradient
 * ({@code open_loop}) or the noise of a quadratic whose gradient the replay computes
 * ({@code closed_loop}), with the parameters (and for open loops the state) the reference reached.
 * {@code fixtures/vsgd-golden*.json} hold the authors' VSGD, {@code fixtures/baselines-golden.json}
 * torch.optim's SGD-momentum, Adam and AdamW.
 *
 * @param file      the file it comes from
 * @param optimizer the suite's optimizer name ({@code vsgd} for files without an {@code optimizer} key)
 */
public record GoldenTrajectory(String file, String name, String optimizer, boolean openLoop, ObjectNode hyper,
                               float[] init, JsonNode node) {

    /** The golden files replayed by gpu-check, relative to {@code fixtures/}. */
    public static final String BASELINES_FILE = "baselines-golden.json";

    /** The optimizer config with this trajectory's settings, read as a config file's section would be. */
    public OptimizerConfig config() {
        ObjectNode section = hyper.deepCopy();
        section.put("name", optimizer);
        try {
            return OptimizerConfig.from(new Section("optimizer", section));
        } catch (ConfigException e) {
            throw new ConfigException(file + ": case " + name + ": " + e.getMessage(), e);
        }
    }

    /** The number of steps. */
    public int steps() {
        return node.path("params").size();
    }

    /** Row {@code t} of the per-step array {@code key}. */
    public float[] row(String key, int t) {
        JsonNode rows = node.get(key);
        if (rows == null || rows.size() <= t) {
            throw new IllegalArgumentException(file + ": case " + name + " has no " + key + "[" + t + "]");
        }
        return floats(rows.get(t));
    }

    /** The array {@code key} of the case ({@code a} of a quadratic, {@code loss}). */
    public float[] vector(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": case " + name + " lacks '" + key + "'");
        }
        return floats(v);
    }

    /**
     * The reference state after step {@code t} by the file's names: the {@code state} objects of a
     * baseline, or VSGD's per-step {@code mug}, {@code bg}, {@code bhg}. Empty for closed loops.
     */
    public List<String> stateKeys(int t) {
        List<String> keys = new ArrayList<>();
        if (!openLoop) {
            return keys;
        }
        JsonNode state = node.path("state");
        if (state.isArray() && state.size() > t) {
            state.get(t).fieldNames().forEachRemaining(keys::add);
        } else {
            for (String k : List.of("mug", "bg", "bhg")) {
                if (node.has(k)) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    /** The reference state {@code key} after step {@code t}. */
    public float[] state(String key, int t) {
        JsonNode state = node.path("state");
        return state.isArray() && state.size() > t ? floats(state.get(t).get(key)) : row(key, t);
    }

    @Override
    public String toString() {
        return file + ": " + name + " (" + optimizer + ", " + (openLoop ? "open loop" : "closed loop") + ", "
                + init.length + " parameters, " + steps() + " steps)";
    }

    /** Every case of {@code fixtures/vsgd-golden*.json} and {@code fixtures/baselines-golden.json}. */
    public static List<GoldenTrajectory> fixtures(Path fixtures) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(fixtures)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.startsWith("vsgd-golden") || n.equals(BASELINES_FILE)) && n.endsWith(".json");
            }).sorted().forEach(files::add);
        }
        List<GoldenTrajectory> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(read(f));
        }
        return out;
    }

    /** The cases of one golden file. */
    public static List<GoldenTrajectory> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode cases = root == null ? null : root.get("cases");
        if (cases == null || !cases.isArray() || cases.isEmpty()) {
            throw new ConfigException(file + ": no \"cases\" array (format: docs/PROTOCOL.md §5)");
        }
        List<GoldenTrajectory> out = new ArrayList<>();
        for (JsonNode c : cases) {
            String kind = c.path("kind").asText();
            if (!kind.equals("open_loop") && !kind.equals("closed_loop")) {
                throw new ConfigException(file + ": case " + c.path("name").asText() + " has kind '" + kind
                        + "'; expected open_loop or closed_loop");
            }
            JsonNode hyper = c.path("hyper");
            out.add(new GoldenTrajectory(file.getFileName().toString(), c.path("name").asText(),
                    c.path("optimizer").asText("vsgd"), kind.equals("open_loop"),
                    hyper.isObject() ? (ObjectNode) hyper : new ObjectMapper().createObjectNode(),
                    floats(c.path("init")), c));
        }
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
