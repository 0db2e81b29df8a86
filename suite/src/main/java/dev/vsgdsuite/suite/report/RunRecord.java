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

    private final Path dir;
    private final JsonNode result;
    private final RunResult outcome;
    private final List<JsonNode> metrics;

    /** A run from its parsed {@code result.json} and {@code metrics.jsonl} lines. */
    public RunRecord(Path dir, JsonNode result, List<JsonNode> metrics) {
        this.dir = dir;
        this.result = result;
        this.outcome = RunResult.of(result);
        this.metrics = List.copyOf(metrics);
    }

    public static RunRecord read(Path dir) {
        try {
            JsonNode result = Json.LINE.readTree(dir.resolve(RunDirectory.RESULT).toFile());
            return new RunRecord(dir, result, new RunDirectory(dir).readMetrics());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read run " + dir + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Run " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every finished run (a folder with result.json) below {@code root}, in folder-name order. */
    public static List<RunRecord> under(Path root) {
        List<RunRecord> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root, 3)) {
            s.filter(p -> p.getFileName().toString().equals(RunDirectory.RESULT)).map(Path::getParent)
                    .sorted(Comparator.comparing(Path::toString)).forEach(d -> out.add(read(d)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public Path dir() {
        return dir;
    }

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
