package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.report.Reports;
import dev.vsgdsuite.suite.report.RunRecord;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
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

    @Order(2)
    @Test
    @DisplayName("claim: VSGD ≥ Adam and ≥ SGD on the demo protocol (Fashion-MNIST subset, 1 seed)")
    void demoClaim() {
        SuiteRuns.claim(SMOKE.group("demo").experiments().get(0), RUNS);
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
        Reports.writeResults("mvn test -Psmoke");
    }
}
