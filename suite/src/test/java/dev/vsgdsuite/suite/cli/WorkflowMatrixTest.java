package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vsgdsuite.suite.experiment.Shards;
import dev.vsgdsuite.suite.experiment.Invocation;
import dev.vsgdsuite.suite.experiment.Profile;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The full-paper workflow's shard matrix covers the grid: its plan step runs {@code grid --matrix},
 * whose shards the grid jobs pass verbatim to {@code -Dsuite.shard}, and {@link Grid#shard} (what
 * PaperSuiteIT runs for that property) gives every run of the grid to exactly one of them — for the
 * workflow's default shard count and seeds, and for every other shard count.
 */
class WorkflowMatrixTest {

    static JsonNode workflow;
    static Map<String, String> inputDefaults = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        workflow = new ObjectMapper(new YAMLFactory())
                .readTree(ProjectPaths.root().resolve(".github/workflows/full-paper.yml").toFile());
        workflow.path("on").path("workflow_dispatch").path("inputs").fields()
                .forEachRemaining(e -> inputDefaults.put(e.getKey(), e.getValue().path("default").asText()));
    }

    @Test
    void aScheduledRunFallsBackToTheInputsDefaults() {
        assertThat(inputDefaults).containsKeys("shards", "seeds", "lr", "runner_labels", "shard_timeout_minutes");
        List<String> fallbacks = new ArrayList<>();
        Matcher m = Pattern.compile("inputs\\.(\\w+) \\|\\| '([^']*)'").matcher(workflow.toString().replace("\\\"", "\""));
        while (m.find()) {
            fallbacks.add(m.group(1));
            assertThat(m.group(2)).as("fallback of inputs." + m.group(1)).isEqualTo(inputDefaults.get(m.group(1)));
        }
        assertThat(fallbacks).contains("shards", "seeds", "lr", "runner_labels", "shard_timeout_minutes");
    }

    @Test
    void theGridJobsRunExactlyThePlannedShards() {
        JsonNode jobs = workflow.path("jobs");
        assertThat(jobs.path("plan").path("outputs").path("matrix").asText())
                .isEqualTo("${{ steps.split.outputs.matrix }}");
        for (String job : List.of("grid", "tune")) {
            JsonNode strategy = jobs.path(job).path("strategy");
            assertThat(strategy.path("matrix").asText()).as(job).isEqualTo("${{ fromJSON(needs.plan.outputs.matrix) }}");
            assertThat(strategy.path("fail-fast").asBoolean(true)).as(job + ": a failed shard must not cancel the others")
                    .isFalse();
        }
        String train = run(jobs.path("grid"), "Train this shard");
        assertThat(train).contains("mvn -B verify -Pfull-paper,cuda").contains("-Dsuite.shard=${{ matrix.shard }}")
                .contains("-Dsuite.seeds=\"$SEEDS\"");
        JsonNode upload = step(jobs.path("grid"), "Upload its runs and Allure results");
        assertThat(upload.path("if").asText()).isEqualTo("${{ !cancelled() }}");
        assertThat(upload.path("with").path("path").asText()).contains("reports/runs/full-paper/")
                .contains("reports/allure-results/");
        assertThat(run(jobs.path("claims"), "Judge the claims, build RESULTS.md, results.json and the Allure report"))
                .contains("-Pfull-paper").contains("-Dsuite.claimsOnly=true").contains("-Dsuite.allure.keep=true")
                .contains("-Dsuite.seeds=\"$SEEDS\"").doesNotContain("suite.shard");
        assertThat(jobs.path("claims").path("needs").toString()).contains("\"grid\"");
    }

    @Test
    void theDefaultMatrixCoversTheGridOnce() throws IOException {
        String plan = run(workflow.path("jobs").path("plan"), "Split the grid into shards");
        Matcher m = Pattern.compile("\\./vsgd-suite (grid [^>\\n]*?--matrix \"\\$SHARDS\")").matcher(plan);
        assertThat(m.find()).as("the plan step runs ./vsgd-suite grid … --matrix \"$SHARDS\": " + plan).isTrue();
        List<String> args = new ArrayList<>();
        for (String token : m.group(1).trim().split("\\s+")) {
            args.add(switch (token) {
                case "\"$SEEDS\"" -> inputDefaults.get("seeds");
                case "\"$SHARDS\"" -> inputDefaults.get("shards");
                default -> token;
            });
        }
        assertThat(args).contains("--profile", "full-paper");

        Cli.Outcome o = Cli.run(args.toArray(String[]::new));

        assertThat(o.code()).as(o.err()).isZero();
        List<String> shards = shardsOf(o.out());
        assertThat(shards).hasSize(Integer.parseInt(inputDefaults.get("shards")));
        assertCoversOnce(Profile.load("full-paper").withSeeds(inputDefaults.get("seeds")).runs(), shards);
    }

    @Test
    void everyShardCountCoversTheGridOnceAndTooManyIsRefused() throws IOException {
        List<Invocation> grid = Profile.load("full-paper").runs();
        for (int n = 1; n <= grid.size(); n++) {
            Cli.Outcome o = Cli.run("grid", "--profile", "full-paper", "--matrix", String.valueOf(n));
            assertThat(o.code()).as("n = " + n + ": " + o.err()).isZero();
            assertCoversOnce(grid, shardsOf(o.out()));
        }
        Cli.Outcome tooMany = Cli.run("grid", "--profile", "full-paper", "--matrix", String.valueOf(grid.size() + 1));
        assertThat(tooMany.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(tooMany.err()).contains("cannot split a grid of " + grid.size() + " runs into " + (grid.size() + 1));
    }

    private static void assertCoversOnce(List<Invocation> grid, List<String> shards) {
        assertThat(shards).doesNotHaveDuplicates();
        List<Invocation> seen = new ArrayList<>();
        for (String shard : shards) {
            List<Invocation> part = Shards.part(grid, shard);
            assertThat(part).as("shard " + shard + " is empty").isNotEmpty();
            seen.addAll(part);
        }
        assertThat(seen).as("every run in exactly one of " + shards).hasSameSizeAs(grid)
                .containsExactlyInAnyOrderElementsOf(grid);
    }

    private static List<String> shardsOf(String json) throws IOException {
        List<String> shards = new ArrayList<>();
        new ObjectMapper().readTree(json).path("shard").forEach(s -> shards.add(s.asText()));
        return shards;
    }

    private static JsonNode step(JsonNode job, String name) {
        for (JsonNode s : job.path("steps")) {
            if (name.equals(s.path("name").asText())) {
                return s;
            }
        }
        throw new AssertionError("no step '" + name + "' in " + job);
    }

    private static String run(JsonNode job, String stepName) {
        return step(job, stepName).path("run").asText();
    }
}
