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

/** A finished run, read back from its folder: the report reads run folders only, never trains. */
public record RunRecord(Path dir, JsonNode result, List<JsonNode> metrics) {

    public static RunRecord read(Path dir) {
        try {
            JsonNode result = Json.LINE.readTree(dir.resolve(RunDirectory.RESULT).toFile());
            return new RunRecord(dir, result, new RunDirectory(dir).readMetrics());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read run " + dir + ": " + e.getMessage(), e);
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

    public String experiment() {
        return result.path("experiment").asText();
    }

    public String optimizer() {
        return result.path("optimizer").asText();
    }

    public long seed() {
        return result.path("seed").asLong();
    }

    public boolean diverged() {
        return result.path("diverged").asBoolean();
    }

    /** Final test accuracy, or NaN for a diverged run (which has no final model to test). */
    public double testAccuracy() {
        JsonNode v = result.get("test_accuracy");
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    public double msPerIter() {
        return result.path("ms_per_iter").asDouble(Double.NaN);
    }

    public JsonNode timeToTarget() {
        return result.get("time_to_target");
    }

    public String model() {
        return result.path("model").asText();
    }

    public String dataset() {
        return result.path("dataset").asText();
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
