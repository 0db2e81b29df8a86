package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.report.ClaimCheck;
import dev.vsgdsuite.suite.report.Comparison;
import dev.vsgdsuite.suite.report.Reports;
import dev.vsgdsuite.suite.report.RunRecord;
import dev.vsgdsuite.suite.report.Verdict;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.train.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The smoke profile (the default test run): the authors' demo protocol on the shipped Fashion-MNIST
 * subset for VSGD, Adam and SGD, each asserted to learn, with its claim test; and every paper
 * experiment, every optimizer, wired end to end at reduced width on the format fixtures, asserted to
 * give a finite, falling loss — so a broken full-paper pipeline is caught on CPU.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("smoke")
class SmokeSuiteTest {

    static final Path RUNS = Reports.runsOf("smoke");
    static final Path PIPELINE_RUNS = ProjectPaths.reports().resolve("runs").resolve("smoke-pipelines");
    static final Profile SMOKE = Profile.load("smoke");

    @BeforeAll
    static void cleanRuns() throws Exception {
        SuiteRuns.clean(RUNS);
        SuiteRuns.clean(PIPELINE_RUNS);
        SuiteRuns.warmUp(demoRuns().toList());
    }

    static Stream<Invocation> demoRuns() {
        return SMOKE.group("demo").runs(SMOKE.name()).stream();
    }

    static Stream<Invocation> pipelineRuns() {
        return SMOKE.group("pipelines").runs(SMOKE.name()).stream();
    }

    @Order(1)
    @ParameterizedTest(name = "demo protocol, Fashion-MNIST subset: {0}")
    @MethodSource("demoRuns")
    void demoRunLearns(Invocation inv) throws Exception {
        RunRecord r = AllureRuns.run(inv, RUNS);
        assertThat(r.diverged()).as("diverged: " + r.result().path("divergence").asText()).isFalse();
        // the demo's epochs resolved to iterations (ProfileTest pins them: 3 × ⌊3000/32⌋ = 279)
        assertThat(r.result().path("iterations").asInt()).isEqualTo(Experiment.resolve(inv.arguments()).train().maxIter());
        assertThat(r.testAccuracy()).as("test accuracy on 10 classes (chance 0.10)").isGreaterThan(0.5);
    }

    /**
     * One seed settles nothing, so the smoke profile makes no directional claim: it runs the verdict
     * path end to end and checks that it says "inconclusive", and why, in the report files too.
     * The directional verdicts are unit-tested (ComparisonTest, ClaimCheckTest).
     */
    @Order(2)
    @Test
    @DisplayName("claim verdict on one seed: inconclusive, with the reason (Fashion-MNIST subset)")
    void demoClaimIsInconclusiveOnOneSeed() throws Exception {
        String experiment = SMOKE.group("demo").experiments().get(0);
        ClaimCheck.Outcome outcome = SuiteRuns.outcome(experiment, RUNS);
        assertThat(outcome.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(outcome.comparisons()).extracting(Comparison::baseline).containsExactly("adam", "sgd");
        for (Comparison c : outcome.comparisons()) {
            assertThat(c.n()).isEqualTo(1);
            assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(c.reason()).contains("one seed");
        }
        Path written = Reports.writeResults();
        JsonNode json = Json.LINE.readTree(written.resolve(Reports.JSON).toFile())
                .path("profiles").path("smoke").path("experiments").path(experiment);
        assertThat(json.path("verdict").asText()).isEqualTo("inconclusive");
        assertThat(json.path("comparisons").findValuesAsText("verdict")).containsOnly("inconclusive");
        assertThat(json.path("optimizers").path("vsgd").path("n").asInt()).isEqualTo(1);
        assertThat(Files.readString(written.resolve(Reports.MARKDOWN))).contains("**Claim inconclusive.**")
                .contains("one seed: no spread to form an interval");
    }

    @Order(3)
    @ParameterizedTest(name = "pipeline on fixtures: {0}")
    @MethodSource("pipelineRuns")
    void paperPipelineRunsWithAFallingLoss(Invocation inv) throws Exception {
        RunRecord r = AllureRuns.run(inv, PIPELINE_RUNS);
        assertThat(r.diverged()).as("diverged: " + r.result().path("divergence").asText()).isFalse();
        double[] loss = r.series("train_loss")[1];
        assertThat(loss).hasSize(24);
        for (double l : loss) {
            assertThat(l).isFinite();
        }
        double first = (loss[0] + loss[1] + loss[2] + loss[3]) / 4;
        double last = (loss[20] + loss[21] + loss[22] + loss[23]) / 4;
        assertThat(last).as("mean train loss of the last 4 iterations vs the first 4").isLessThan(first);
        assertThat(r.result().path("test_loss").asDouble()).isFinite();
    }

    @AfterAll
    static void writeResults() {
        Reports.writeResults();
    }
}
