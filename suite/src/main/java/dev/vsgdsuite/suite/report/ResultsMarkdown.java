package dev.vsgdsuite.suite.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One profile's section of {@code reports/RESULTS.md}, generated from run folders: per experiment
 * the optimizers' final test accuracies (mean ± std and per seed), the paired comparisons of VSGD
 * with each baseline and their verdicts, the published-value check, warm step times and time to
 * target. No number in it is typed by hand.
 */
public final class ResultsMarkdown {

    private ResultsMarkdown() {}

    public static String render(String title, String command, List<RunRecord> runs, Claims claims) {
        return render(title, command, runs, claims, null);
    }

    /** As {@link #render(String, String, List, Claims)}; with {@code plan}, each experiment's sequential looks too. */
    public static String render(String title, String command, List<RunRecord> runs, Claims claims, SequentialPlan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        sb.append("Generated ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(" from ").append(runs.size()).append(" runs by `").append(command).append("`.\n");
        if (!runs.isEmpty()) {
            sb.append(runtime(runs.get(0).result().path("runtime")));
        }
        sb.append("\nClaim: VSGD's final test accuracy ≥ each baseline's − δ (δ = ").append(claims.delta())
                .append("), judged on the 95 % confidence interval of the difference over seeds (paired t when every ")
                .append("seed ran with both optimizers, else Welch's t): **reproduced** when the interval lies above ")
                .append("−δ, **contradicted** when below, **inconclusive** otherwise and with one seed. A diverged run ")
                .append("counts as accuracy 0. ms/step is the median over the run's 10-step logging intervals after a ")
                .append("warm-up window (the larger of 100 iterations and 10 % of the run), then the median over seeds; ")
                .append("'vs Adam' divides it by Adam's.\n");
        Set<String> experiments = new LinkedHashSet<>();
        runs.forEach(r -> experiments.add(r.experiment()));
        for (String e : experiments) {
            sb.append(experiment(e, runs, claims));
            if (plan != null) {
                SequentialRounds.State state = plan.state(e, runs, claims.baselines());
                sb.append("\n").append(SequentialClaims.markdown(state)).append("\n**Sequential outcome: ")
                        .append(SequentialClaims.experimentOutcome(state).id()).append(".** ")
                        .append(SequentialClaims.summary(state)).append(state.done() ? "" : " More seeds are to run.")
                        .append("\n");
            }
        }
        return sb.toString();
    }

    /** The run folders a section could not count, each with its reason; empty text when there are none. */
    public static String skipped(List<RunRecord.Broken> broken) {
        if (broken.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n## Run folders skipped\n\nNot counted in any table above: fix or delete ")
                .append("each folder, then rerun `vsgd-suite report`.\n\n");
        for (RunRecord.Broken b : broken) {
            sb.append("- `").append(b.dir()).append("`: ").append(b.reason().replace('\n', ' ')).append('\n');
        }
        return sb.toString();
    }

    private static String experiment(String e, List<RunRecord> runs, Claims claims) {
        ClaimCheck.Outcome o = ClaimCheck.check(e, runs, claims);
        RunRecord any = runs.stream().filter(r -> r.experiment().equals(e)).findFirst().orElseThrow();
        StringBuilder sb = new StringBuilder();
        sb.append("\n## ").append(e).append(" (").append(any.model()).append(" on ").append(any.dataset()).append(")\n\n");
        sb.append(ClaimTables.optimizers(o)).append('\n');
        StringJoiner rates = new StringJoiner("; ");
        ClaimTables.learningRates(o, e, runs).forEach((optimizer, lr) -> rates.add(optimizer + " " + lr));
        sb.append("Learning rates: ").append(rates).append(".\n\n");
        sb.append(ClaimTables.comparisons(o)).append('\n');
        sb.append("**Claim ").append(o.verdict().id()).append(".** ").append(o.summary()).append("\n\n");
        if (claims.hasPublished(e)) {
            sb.append(o.publishedMisses().isEmpty()
                    ? String.format(Locale.ROOT, "Published values: every measured mean within ±%.1f points.%n",
                            100 * claims.tolerance())
                    : "Published values missed: " + String.join("; ", o.publishedMisses()) + "\n");
        }
        if (!o.duplicates().isEmpty()) {
            sb.append("Duplicate runs ignored (the first of each seed counts): ").append(String.join("; ", o.duplicates()))
                    .append("\n");
        }
        sb.append("\nTime to target (first test evaluation at the target accuracy): ").append(timeToTarget(e, runs))
                .append("\n");
        return sb.toString();
    }

    private static String runtime(JsonNode rt) {
        return "Runtime: " + rt.path("backend").asText() + " (" + rt.path("native_build").asText() + ", oneDNN "
                + (rt.path("onednn").asBoolean() ? "on" : "off") + "), " + rt.path("cores").asInt() + " cores, "
                + rt.path("cpu").asText()
                + (rt.path("gpu").isNull() || rt.path("gpu").isMissingNode() ? "" : ", GPU " + rt.path("gpu").asText())
                + ", DL4J " + rt.path("dl4j_version").asText() + ".\n";
    }

    private static String timeToTarget(String experiment, List<RunRecord> runs) {
        List<String> parts = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RunRecord r : runs) {
            // the first run of each optimizer × seed counts, as in the comparison (ClaimCheck)
            if (r.experiment().equals(experiment) && seen.add(r.optimizer() + " " + r.seed())) {
                JsonNode t = r.timeToTarget();
                parts.add(r.optimizer() + " s" + r.seed() + ": " + (t == null || t.isNull() ? "not reached / no target"
                        : String.format(Locale.ROOT, "iteration %d, %.1f s", t.path("iteration").asLong(),
                                t.path("seconds").asDouble())));
            }
        }
        return String.join("; ", parts);
    }
}
