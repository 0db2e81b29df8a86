package dev.vsgdsuite.vsgd.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.vsgdsuite.vsgd.Vsgd;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * One reference trajectory of an optimizer, float32, in the golden-file format of docs/PROTOCOL.md §5:
 * the optimizer and its settings, the initial parameters, and per step either the gradient
 * ({@code open_loop}) or the noise of a quadratic whose gradient the replay computes
 * ({@code closed_loop}), with the parameters (and for open loops the state) the reference reached.
 * Read whole and checked when read: a malformed file is one error naming the file and the case.
 * {@code vsgd-golden*.json} hold the authors' VSGD, {@code baselines-golden.json} torch.optim's
 * SGD-momentum, Adam and AdamW.
 *
 * @param file      the file's name
 * @param optimizer {@code vsgd} (files without an {@code optimizer} key), {@code sgd}, {@code adam}, {@code adamw}
 * @param hyper     the settings under the reference's names: numbers as Double, flags as Boolean,
 *                  pairs as {@code List<Double>}
 * @param inputs    per step: the gradient (open loop) or the noise (closed loop)
 * @param params    per step: the parameters after it
 * @param a         closed loop: the quadratic's curvature; empty for open loops
 * @param loss      closed loop: the loss after each step; empty for open loops
 * @param state     open loop: the optimizer state after each step, by the file's names; empty for closed loops
 */
public record GoldenTrajectory(String file, String name, String optimizer, boolean openLoop, Map<String, Object> hyper,
                               float[] init, float[][] inputs, float[][] params, float[] a, float[] loss,
                               List<Map<String, float[]>> state) {

    /** VSGD's settings under the authors' keywords (docs/PROTOCOL.md §1.1). */
    public static final Set<String> VSGD_KEYS = Set.of("lr", "ps", "ghattg", "tau1", "tau2", "weight_decay", "eps");
    /** VSGD's per-step state arrays in its golden files. */
    static final List<String> VSGD_STATE = List.of("mug", "bg", "bhg");
    /** The shipped baselines file's name. */
    public static final String BASELINES_FILE = "baselines-golden.json";

    /** The number of steps. */
    public int steps() {
        return params.length;
    }

    /** The setting {@code key} as a number, or {@code otherwise} when absent. */
    public double number(String key, double otherwise) {
        Object v = hyper.get(key);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Double d)) {
            throw problem("hyper." + key + " = " + v + " is not a number");
        }
        return d;
    }

    /** The setting {@code key} as a flag, or {@code otherwise} when absent. */
    public boolean flag(String key, boolean otherwise) {
        Object v = hyper.get(key);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Boolean b)) {
            throw problem("hyper." + key + " = " + v + " is not true or false");
        }
        return b;
    }

    /** The setting {@code key} as a pair (torch's {@code betas}), or null when absent. */
    public double[] pair(String key) {
        Object v = hyper.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list) || list.size() != 2) {
            throw problem("hyper." + key + " must be a pair [x, y], got " + v);
        }
        return new double[] {(Double) list.get(0), (Double) list.get(1)};
    }

    /** Refuses a setting outside {@code known}, naming the optimizer's known ones. */
    public void requireKeys(Set<String> known, String whose) {
        for (String key : hyper.keySet()) {
            if (!known.contains(key)) {
                throw problem("hyper-parameter '" + key + "' is not one of " + whose + ": " + known.stream().sorted().toList());
            }
        }
    }

    /** This VSGD case's config: the authors' settings, an absent one at its default. */
    public Vsgd vsgd() {
        if (!optimizer.equals("vsgd")) {
            throw problem("is a case of " + optimizer + ", not of VSGD");
        }
        requireKeys(VSGD_KEYS, "VSGD's keywords");
        return Vsgd.builder()
                .learningRate(number("lr", Vsgd.DEFAULT_LR))
                .ps(number("ps", Vsgd.DEFAULT_PS))
                .ghattg(number("ghattg", Vsgd.DEFAULT_GHATTG))
                .tau1(number("tau1", Vsgd.DEFAULT_TAU1))
                .tau2(number("tau2", Vsgd.DEFAULT_TAU2))
                .eps(number("eps", Vsgd.DEFAULT_EPS))
                .build();
    }

    /** An error about this case, naming the file and the case. */
    public IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(file + ": case '" + name + "' " + what);
    }

    @Override
    public String toString() {
        return file + ": " + name + " (" + optimizer + ", " + (openLoop ? "open loop" : "closed loop") + ", "
                + init.length + " parameters, " + steps() + " steps)";
    }

    /** The golden files of a fixtures folder: {@code vsgd-golden*.json}, then {@code baselines-golden.json}. */
    public static List<Path> files(Path fixtures) {
        if (!Files.isDirectory(fixtures)) {
            throw new IllegalArgumentException("The fixtures folder " + fixtures.toAbsolutePath() + " does not exist");
        }
        try (Stream<Path> s = Files.list(fixtures)) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.getFileName().toString().startsWith("vsgd-golden")
                    && p.toString().endsWith(".json")).sorted().toList());
            Path baselines = fixtures.resolve(BASELINES_FILE);
            if (Files.isRegularFile(baselines)) {
                files.add(baselines);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + fixtures + ": " + e.getMessage(), e);
        }
    }

    /** Every case of the golden files of {@code fixtures} ({@link #files}). */
    public static List<GoldenTrajectory> fixtures(Path fixtures) {
        List<GoldenTrajectory> out = new ArrayList<>();
        for (Path f : files(fixtures)) {
            out.addAll(read(f));
        }
        return out;
    }

    /**
     * Every case of the golden file {@code path}.
     *
     * @throws IllegalArgumentException naming the file (missing, not JSON, no cases) or the case (a
     *                                  missing or malformed field)
     */
    public static List<GoldenTrajectory> read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Golden file " + path + " does not exist");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Golden file " + path + " is not valid JSON: "
                    + e.getOriginalMessage().replaceAll("Source: [^;]*; ", ""), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read golden file " + path + ": " + e.getMessage(), e);
        }
        JsonNode cases = root == null ? null : root.get("cases");
        if (cases == null || !cases.isArray() || cases.isEmpty()) {
            throw new IllegalArgumentException("Golden file " + path
                    + " has no non-empty \"cases\" array (format: docs/PROTOCOL.md §5)");
        }
        List<GoldenTrajectory> out = new ArrayList<>();
        for (JsonNode c : cases) {
            out.add(CaseReader.read(path.getFileName().toString(), c));
        }
        return Collections.unmodifiableList(out);
    }

    /** Reads one case, each field checked as it is read. */
    private record CaseReader(String file, String name, JsonNode node) {

        static GoldenTrajectory read(String file, JsonNode node) {
            JsonNode nameNode = node.get("name");
            if (nameNode == null || !nameNode.isTextual()) {
                throw new IllegalArgumentException(file + ": a case lacks the text field 'name'");
            }
            CaseReader r = new CaseReader(file, nameNode.asText(), node);
            String optimizer = node.has("optimizer") ? r.text("optimizer") : "vsgd";
            String kind = r.text("kind");
            if (!kind.equals("open_loop") && !kind.equals("closed_loop")) {
                throw r.problem("kind '" + kind + "' is neither open_loop nor closed_loop");
            }
            boolean open = kind.equals("open_loop");
            float[] init = r.floats(node.get("init"), "init");
            float[][] params = r.rows("params", init.length);
            float[][] inputs = r.rows(open ? "grads" : "noise", init.length);
            if (inputs.length != params.length) {
                throw r.problem("has " + inputs.length + " rows of " + (open ? "grads" : "noise") + " but "
                        + params.length + " of params");
            }
            float[] a = open ? new float[0] : r.floats(node.get("a"), "a");
            float[] loss = open ? new float[0] : r.floats(node.get("loss"), "loss");
            if (!open && (a.length != init.length || loss.length != params.length)) {
                throw r.problem("has a of " + a.length + " values and loss of " + loss.length
                        + "; expected " + init.length + " and " + params.length);
            }
            List<Map<String, float[]>> state = open ? r.state(optimizer, params.length, init.length) : List.of();
            return new GoldenTrajectory(file, r.name, optimizer, open, r.hyper(), init, inputs, params, a, loss, state);
        }

        /** Per step, the state by the file's names: baselines' {@code state} objects, or VSGD's mug/bg/bhg rows. */
        private List<Map<String, float[]>> state(String optimizer, int steps, int n) {
            List<Map<String, float[]>> out = new ArrayList<>();
            if (node.has("state")) {
                JsonNode states = node.get("state");
                if (!states.isArray() || states.size() != steps) {
                    throw problem("has a state array of " + states.size() + " rows for " + steps + " steps");
                }
                for (JsonNode s : states) {
                    Map<String, float[]> step = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        step.put(e.getKey(), floats(e.getValue(), "state." + e.getKey()));
                    }
                    out.add(Collections.unmodifiableMap(step));
                }
                return Collections.unmodifiableList(out);
            }
            if (!optimizer.equals("vsgd")) {
                throw problem("lacks the array 'state' (open_loop)");
            }
            List<float[][]> rows = new ArrayList<>();
            for (String key : VSGD_STATE) {
                rows.add(rows(key, n));
            }
            for (int t = 0; t < steps; t++) {
                Map<String, float[]> step = new LinkedHashMap<>();
                for (int k = 0; k < VSGD_STATE.size(); k++) {
                    if (rows.get(k).length != steps) {
                        throw problem("has " + rows.get(k).length + " rows of " + VSGD_STATE.get(k) + " for " + steps + " steps");
                    }
                    step.put(VSGD_STATE.get(k), rows.get(k)[t]);
                }
                out.add(Collections.unmodifiableMap(step));
            }
            return Collections.unmodifiableList(out);
        }

        private Map<String, Object> hyper() {
            Map<String, Object> out = new LinkedHashMap<>();
            JsonNode h = node.path("hyper");
            if (!h.isMissingNode() && !h.isObject()) {
                throw problem("hyper must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isNumber()) {
                    out.put(e.getKey(), v.asDouble());
                } else if (v.isBoolean()) {
                    out.put(e.getKey(), v.asBoolean());
                } else if (v.isArray()) {
                    List<Double> values = new ArrayList<>();
                    for (JsonNode x : v) {
                        if (!x.isNumber()) {
                            throw problem("hyper." + e.getKey() + " holds " + x + ", not a number");
                        }
                        values.add(x.asDouble());
                    }
                    out.put(e.getKey(), List.copyOf(values));
                } else {
                    throw problem("hyper." + e.getKey() + " = " + v + " is neither a number, a flag nor a list");
                }
            }
            return Collections.unmodifiableMap(out);
        }

        private String text(String key) {
            JsonNode v = node.get(key);
            if (v == null || !v.isTextual()) {
                throw problem("lacks the text field '" + key + "'");
            }
            return v.asText();
        }

        private float[][] rows(String key, int n) {
            JsonNode rows = node.get(key);
            if (rows == null || !rows.isArray()) {
                throw problem("lacks the array '" + key + "'");
            }
            float[][] out = new float[rows.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = floats(rows.get(i), key + "[" + i + "]");
                if (out[i].length != n) {
                    throw problem(key + "[" + i + "] has " + out[i].length + " values for " + n + " parameters");
                }
            }
            return out;
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

        private IllegalArgumentException problem(String what) {
            return new IllegalArgumentException(file + ": case '" + name + "' " + what);
        }
    }
}
