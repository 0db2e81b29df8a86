package dev.vsgdsuite.suite.optim;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsgdsuite.suite.runtime.ProjectPaths;

/**
 * One trajectory of a baselines golden file (the format of docs/PROTOCOL.md §5, plus {@code optimizer}
 * and per-step {@code state}): which torch.optim update made it and with which settings, in torch's
 * words, the initial parameters, and per step the inputs and the expected parameters and state.
 * {@link #config} turns torch's settings into the suite's optimizer config; an absent setting takes
 * torch's default, and a setting the suite does not implement is an error naming the file and case.
 */
final class BaselineGoldenCase {

    /** The shipped file, under the project root. */
    static final String SHIPPED = "fixtures/baselines-golden.json";
    /** {@code -Dsuite.baselines.golden=FILE}: one more file to replay. */
    static final String EXTRA_PROPERTY = "suite.baselines.golden";

    /** torch's keyword arguments the suite maps, per {@code optimizer}. */
    static final Map<String, Set<String>> HYPER_KEYS = Map.of(
            "sgd", Set.of("lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize"),
            "adam", Set.of("lr", "betas", "eps", "weight_decay", "amsgrad", "maximize"),
            "adamw", Set.of("lr", "betas", "eps", "weight_decay", "amsgrad", "maximize"));

    final String file;
    final String name;
    final String optimizer;
    final String kind;
    final float[] init;
    private final JsonNode node;

    private BaselineGoldenCase(String file, JsonNode node) {
        this.file = file;
        this.node = node;
        this.name = text(node, "name");
        this.optimizer = text(node, "optimizer");
        this.kind = text(node, "kind");
        if (!HYPER_KEYS.containsKey(optimizer)) {
            throw problem("optimizer '" + optimizer + "' is not a baseline the suite implements; known: "
                    + HYPER_KEYS.keySet());
        }
        if (!kind.equals("open_loop") && !kind.equals("closed_loop")) {
            throw problem("kind '" + kind + "' is neither open_loop nor closed_loop");
        }
        JsonNode hyper = node.path("hyper");
        for (Iterator<String> it = hyper.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!HYPER_KEYS.get(optimizer).contains(key)) {
                throw problem("hyper-parameter '" + key + "' is not one of torch.optim's that the suite maps for "
                        + optimizer + ": " + HYPER_KEYS.get(optimizer));
            }
        }
        this.init = floats(node.get("init"), "init");
    }

    /**
     * The suite's config for this case's torch settings; {@code impl} picks the Adam step
     * ({@link AdamConfig#TORCH} or {@link AdamConfig#DL4J}) and is ignored for SGD.
     */
    OptimizerConfig config(String impl) {
        JsonNode h = node.path("hyper");
        supported(!h.path("maximize").asBoolean(false), h, "maximize", "false");
        if (optimizer.equals("sgd")) {
            supported(h.path("dampening").asDouble(0) == 0, h, "dampening", "0");
            double lr = h.path("lr").asDouble(Double.NaN);
            if (Double.isNaN(lr)) {
                throw problem("torch.optim.SGD has no default lr: the case must give hyper.lr");
            }
            return new SgdConfig(lr, h.path("weight_decay").asDouble(0), h.path("momentum").asDouble(0),
                    h.path("nesterov").asBoolean(false));
        }
        supported(!h.path("amsgrad").asBoolean(false), h, "amsgrad", "false");
        // torch.optim.Adam and AdamW share lr 1e-3, betas (0.9, 0.999) and eps 1e-8; AdamW's weight_decay is 1e-2.
        double lr = h.path("lr").asDouble(1e-3);
        JsonNode betas = h.path("betas");
        if (!betas.isMissingNode() && !(betas.isArray() && betas.size() == 2)) {
            throw problem("hyper.betas must be a pair [beta1, beta2], got " + betas);
        }
        double beta1 = betas.isMissingNode() ? TorchAdam.DEFAULT_BETA1 : betas.get(0).asDouble();
        double beta2 = betas.isMissingNode() ? TorchAdam.DEFAULT_BETA2 : betas.get(1).asDouble();
        double eps = h.path("eps").asDouble(TorchAdam.DEFAULT_EPS);
        return optimizer.equals("adam")
                ? new AdamConfig(lr, h.path("weight_decay").asDouble(0), beta1, beta2, eps, impl)
                : new AdamWConfig(lr, h.path("weight_decay").asDouble(1e-2), beta1, beta2, eps, impl);
    }

    boolean openLoop() {
        return kind.equals("open_loop");
    }

    /** The per-step rows of {@code key}, each a flat array. */
    float[][] rows(String key) {
        JsonNode rows = require(key);
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = floats(rows.get(i), key + "[" + i + "]");
        }
        return out;
    }

    float[] row(String key) {
        return floats(require(key), key);
    }

    /** The optimizer state after step {@code t + 1}, per torch's state name. */
    Map<String, float[]> state(int t) {
        JsonNode states = require("state");
        if (t >= states.size()) {
            throw problem("state has " + states.size() + " rows, fewer than the steps");
        }
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        states.get(t).fields().forEachRemaining(e -> out.put(e.getKey(), floats(e.getValue(), "state." + e.getKey())));
        return out;
    }

    @Override
    public String toString() {
        return file + ": " + name + " (" + optimizer + ", " + kind + ", " + init.length + " params)";
    }

    /** The shipped file's cases, then those of {@code -Dsuite.baselines.golden=FILE} when given. */
    static List<BaselineGoldenCase> all() {
        List<BaselineGoldenCase> cases = new ArrayList<>(read(ProjectPaths.root().resolve(SHIPPED)));
        String extra = System.getProperty(EXTRA_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            cases.addAll(read(resolve(extra)));
        }
        return cases;
    }

    /** The shipped file's cases only. */
    static List<BaselineGoldenCase> shipped() {
        return read(ProjectPaths.root().resolve(SHIPPED));
    }

    /** A path as given, else under the project root (Maven runs the tests in suite/). */
    static Path resolve(String given) {
        Path p = Paths.get(given);
        if (p.isAbsolute() || Files.exists(p)) {
            return p;
        }
        Path underRoot = ProjectPaths.root().resolve(given);
        if (!Files.exists(underRoot)) {
            throw new IllegalArgumentException("-D" + EXTRA_PROPERTY + "=" + given + ": no such file (looked at "
                    + p.toAbsolutePath() + " and " + underRoot + "); give an absolute path or one under the project root");
        }
        return underRoot;
    }

    /** Every case of the golden file {@code path}; a missing or malformed file is an error naming it. */
    static List<BaselineGoldenCase> read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Baselines golden file " + path + " does not exist");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Baselines golden file " + path + " is not valid JSON: "
                    + e.getOriginalMessage().replaceAll("Source: [^;]*; ", ""), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read baselines golden file " + path + ": " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("cases");
        if (list == null || !list.isArray() || list.size() == 0) {
            throw new IllegalArgumentException("Baselines golden file " + path
                    + " has no non-empty \"cases\" array (format: docs/PROTOCOL.md §5)");
        }
        List<BaselineGoldenCase> cases = new ArrayList<>();
        for (JsonNode c : list) {
            cases.add(new BaselineGoldenCase(path.getFileName().toString(), c));
        }
        return cases;
    }

    /** A torch setting the suite does not implement, unless {@code ok}. */
    private void supported(boolean ok, JsonNode hyper, String key, String only) {
        if (!ok) {
            throw problem("hyper." + key + " = " + hyper.get(key) + " is not implemented by the suite (only " + only + ")");
        }
    }

    private JsonNode require(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isArray()) {
            throw problem("lacks the array '" + key + "' (" + kind + ")");
        }
        return v;
    }

    private IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(file + ": case '" + name + "' " + what);
    }

    private String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(file + ": a case lacks the text field '" + key + "'"
                    + (key.equals("name") ? "" : " (case " + n.path("name").asText("?") + ")"));
        }
        return v.asText();
    }

    private float[] floats(JsonNode array, String what) {
        if (array == null || !array.isArray()) {
            throw problem("lacks the array '" + what + "'");
        }
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isNumber()) {
                throw problem(what + "[" + i + "] is not a number: " + array.get(i));
            }
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
