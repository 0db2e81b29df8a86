package dev.vsgdsuite.suite.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code reports/RESULTS.md}, generated from run folders: per experiment and optimizer the mean ± std
 * of the final test accuracy over seeds, the published value and the difference, Welch's p-value of
 * VSGD against each baseline, ms per training step and its ratio to Adam's, time to target, and the
 * claim verdict. No number in it is typed by hand.
 */
public final class ResultsMarkdown {

    private ResultsMarkdown() {}

    public static String render(String title, String command, List<RunRecord> runs, Claims claims) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        sb.append("Generated ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(" from ").append(runs.size()).append(" runs by `").append(command).append("`.\n");
        if (!runs.isEmpty()) {
            JsonNode rt = runs.get(0).result().path("runtime");
            sb.append("Runtime: ").append(rt.path("backend").asText()).append(" (").append(rt.path("native_build").asText())
                    .append(", oneDNN ").append(rt.path("onednn").asBoolean() ? "on" : "off").append("), ")
                    .append(rt.path("cores").asInt()).append(" cores, ").append(rt.path("cpu").asText())
                    .append(rt.path("gpu").isNull() || rt.path("gpu").isMissingNode() ? "" : ", GPU " + rt.path("gpu").asText())
                    .append(", DL4J ").append(rt.path("dl4j_version").asText()).append(".\n");
        }
        sb.append("\nClaim: mean final test accuracy of VSGD ≥ Adam − δ and ≥ SGD − δ (δ = ").append(claims.delta())
                .append("), and within ±").append(String.format("%.1f", 100 * claims.tolerance()))
                .append(" points of the published value where there is one. A diverged run counts as accuracy 0.\n");
        Set<String> experiments = new LinkedHashSet<>();
        runs.forEach(r -> experiments.add(r.experiment()));
        for (String e : experiments) {
            ClaimCheck.Outcome o = ClaimCheck.check(e, runs, claims);
            RunRecord any = runs.stream().filter(r -> r.experiment().equals(e)).findFirst().orElseThrow();
            sb.append("\n## ").append(e).append(" (").append(any.model()).append(" on ").append(any.dataset()).append(")\n\n");
            sb.append(o.table()).append('\n');
            sb.append("Time to target (first test evaluation at the target accuracy): ").append(timeToTarget(e, runs)).append("\n\n");
            sb.append(o.reproduced() ? "**Claim reproduced.**\n" : "**Claim not reproduced:** " + String.join("; ", o.failures()) + "\n");
        }
        return sb.toString();
    }

    public static void write(Path file, String title, String command, List<RunRecord> runs, Claims claims) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, render(title, command, runs, claims));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String timeToTarget(String experiment, List<RunRecord> runs) {
        List<String> parts = new ArrayList<>();
        for (RunRecord r : runs) {
            if (r.experiment().equals(experiment)) {
                JsonNode t = r.timeToTarget();
                parts.add(r.optimizer() + " s" + r.seed() + ": " + (t == null || t.isNull() ? "not reached / no target"
                        : String.format("iteration %d, %.1f s", t.path("iteration").asLong(), t.path("seconds").asDouble())));
            }
        }
        return String.join("; ", parts);
    }
}
