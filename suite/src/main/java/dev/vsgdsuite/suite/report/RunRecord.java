package dev.vsgdsuite.suite.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.train.Json;
import dev.vsgdsuite.suite.train.RunDirectory;
import dev.vsgdsuite.suite.train.RunResult;

/**
 * A finished run, read back from its folder: the report reads run folders only, never trains. The
 * result is held both as written ({@link #result()}, for any key) and as the {@link RunResult} it
 * was written from ({@link #outcome()}).
 */
public final class RunRecord {

    private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
            new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    private final Path dir;
    private final JsonNode result;
    private final RunResult outcome;
    private final List<JsonNode> metrics;

    /** A run from its parsed {@code result.json} and {@code metrics.jsonl} lines. */
    public RunRecord(Path dir, JsonNode result, List<JsonNode> metrics) {
        this.dir = dir;
        this.result = result;
        this.outcome = RunResult.of(requireResult(result));
        double accuracy = outcome.testAccuracy();
        if (!outcome.diverged() && !(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException(RunDirectory.RESULT + ": test_accuracy = "
                    + (Double.isNaN(accuracy) ? "null" : accuracy) + " is not an accuracy of a finished run (a fraction in [0, 1])");
        }
        this.metrics = List.copyOf(metrics);
    }

    /**
     * A run folder the report cannot count: its result or metrics are unreadable, or it failed.
     *
     * @param dir    the run folder
     * @param reason what is wrong, one line
     */
    public record Broken(Path dir, String reason) {}

    /** The run folders under a folder: those that can be counted, and those that cannot, with why. */
    public record Scan(List<RunRecord> runs, List<Broken> broken) {
        public Scan {
            runs = List.copyOf(runs);
            broken = List.copyOf(broken);
        }

        public boolean isEmpty() {
            return runs.isEmpty() && broken.isEmpty();
        }
    }

    /**
     * The run in {@code dir}.
     *
     * @throws IllegalArgumentException naming the folder and the file when a file is unreadable, when
     *                                  {@code result.json} is not a run result, or when the run failed
     */
    public static RunRecord read(Path dir) {
        try {
            return parse(dir);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Run " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every finished run (a folder with result.json) below {@code root}, in folder-name order; a broken one is an error. */
    public static List<RunRecord> under(Path root) {
        Scan scan = scan(root);
        if (!scan.broken().isEmpty()) {
            Broken b = scan.broken().get(0);
            throw new IllegalArgumentException("Run " + b.dir() + ": " + b.reason());
        }
        return scan.runs();
    }

    /**
     * Every run folder (one with result.json) below {@code root}, in folder-name order: the readable runs
     * (duplicates of one experiment × optimizer × seed included, for {@link ClaimCheck} to report), and
     * the broken or failed ones, each with its reason.
     */
    public static Scan scan(Path root) {
        List<RunRecord> runs = new ArrayList<>();
        List<Broken> broken = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Scan(runs, broken);
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(root, 3)) {
            dirs = s.filter(p -> p.getFileName().toString().equals(RunDirectory.RESULT)).map(Path::getParent)
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the run folders under " + root + ": " + firstLine(e), e);
        }
        for (Path d : dirs) {
            try {
                runs.add(parse(d));
            } catch (IllegalArgumentException e) {
                broken.add(new Broken(d, e.getMessage()));
            }
        }
        return new Scan(runs, broken);
    }

    /** The run in {@code dir}; an {@link IllegalArgumentException} says what is wrong with it. */
    private static RunRecord parse(Path dir) {
        JsonNode result;
        try {
            result = Json.LINE.readTree(dir.resolve(RunDirectory.RESULT).toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(RunDirectory.RESULT + " is not readable JSON (" + firstLine(e) + ")", e);
        }
        if (result != null && RunResult.FAILED.equals(result.path("status").asText(null))) {
            throw new IllegalArgumentException("the run failed: " + result.path("message").asText("no message"));
        }
        List<JsonNode> metrics;
        try {
            metrics = new RunDirectory(dir).readMetrics();
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(RunDirectory.METRICS + " is not readable JSON lines ("
                    + firstLine(e.getCause()) + ")", e);
        }
        return new RunRecord(dir, result, metrics);
    }

    /** {@code result} if it is a run result: an object naming the experiment, optimizer and seed. */
    private static JsonNode requireResult(JsonNode result) {
        if (result == null || !result.isObject() || result.isEmpty()) {
            throw new IllegalArgumentException(RunDirectory.RESULT + " is empty or not a JSON object");
        }
        for (String key : new String[] {"experiment", "dataset", "optimizer"}) {
            if (!result.path(key).isTextual() || result.path(key).asText().isBlank()) {
                throw new IllegalArgumentException(RunDirectory.RESULT + " lacks '" + key + "'");
            }
        }
        if (!result.path("seed").canConvertToLong() || !result.path("seed").isIntegralNumber()) {
            throw new IllegalArgumentException(RunDirectory.RESULT + " lacks a whole-number 'seed'");
        }
        return result;
    }

    private static String firstLine(Throwable e) {
        String m = e == null || e.getMessage() == null ? String.valueOf(e) : e.getMessage();
        return m.lines().findFirst().orElse("");
    }

    public Path dir() {
        return dir;
    }

    /**
     * The learning rate the run trained with and where it came from, as its {@code config.yaml} says
     * ("config", "tuned (tuned/E.yaml)", "command line"); null when the folder holds no readable config.
     */
    public LearningRate learningRate() {
        try {
            JsonNode config = YAML.readTree(dir.resolve(RunDirectory.CONFIG).toFile());
            JsonNode lr = config == null ? null : config.path("optimizer").get("lr");
            if (lr == null || !lr.isNumber()) {
                return null;
            }
            return new LearningRate(lr.asDouble(), config.path("lr_source").asText("config"));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** A run's learning rate and its source. */
    public record LearningRate(double lr, String source) {}

    /** {@code result.json} as written. */
    public JsonNode result() {
        return result;
    }

    public RunResult outcome() {
        return outcome;
    }

    public List<JsonNode> metrics() {
        return metrics;
    }

    public String experiment() {
        return outcome.experiment();
    }

    public String optimizer() {
        return outcome.optimizer();
    }

    public long seed() {
        return outcome.seed();
    }

    public boolean diverged() {
        return outcome.diverged();
    }

    /** Final test accuracy, or NaN for a diverged run (which has no final model to test). */
    public double testAccuracy() {
        return outcome.testAccuracy();
    }

    public double msPerIter() {
        return outcome.msPerIter();
    }

    /** The {@code time_to_target} object, or null / a JSON null when the target was not reached. */
    public JsonNode timeToTarget() {
        return result.get("time_to_target");
    }

    public String model() {
        return outcome.model();
    }

    public String dataset() {
        return outcome.dataset();
    }

    /** A named series of the metrics: x = iteration, y = the field, where present. */
    public double[][] series(String field) {
        List<double[]> points = new ArrayList<>();
        for (JsonNode m : metrics) {
            if (m.has(field) && m.get(field).isNumber()) {
                points.add(new double[] {m.get("iteration").asDouble(), m.get(field).asDouble()});
            }
        }
        double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }
}
