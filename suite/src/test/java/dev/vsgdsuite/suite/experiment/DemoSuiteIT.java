package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import dev.vsgdsuite.suite.report.Reports;
import dev.vsgdsuite.suite.report.RunRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo profile ({@code mvn verify -Pdemo}, through Failsafe so the report is built even when a
 * claim fails): the authors' demo protocol (docs/PROTOCOL.md §3) on the full
 * Fashion-MNIST — VSGD, Adam, SGD-momentum × 5 seeds ({@code -Dsuite.seeds} changes them) — and its
 * claim test. CPU-runnable.
 */
@Tag("demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("demo")
class DemoSuiteIT {

    static final Profile DEMO = Profile.load("demo").withSeeds(System.getProperty("suite.seeds"))
            .withLr(System.getProperty("suite.lr"));

    @BeforeAll
    static void cleanRuns() throws Exception {
        DEMO.requireTuned();
        SuiteRuns.clean(Reports.runsOf("demo"));
        SuiteRuns.warmUp(DEMO.runs());
    }

    static Stream<Invocation> runs() {
        return DEMO.runs().stream();
    }

    @Order(1)
    @ParameterizedTest(name = "demo protocol, Fashion-MNIST: {0}")
    @MethodSource("runs")
    void demoRun(Invocation inv) throws Exception {
        RunRecord r = AllureRuns.run(inv, Reports.runsOf("demo"));
        assertThat(r.diverged()).as("diverged: " + r.result().path("divergence").asText()).isFalse();
        assertThat(r.testAccuracy()).as("test accuracy on 10 classes (chance 0.10)").isGreaterThan(0.5);
    }

    @Order(2)
    @Test
    @DisplayName("claim: VSGD ≥ Adam and ≥ SGD on the demo protocol (Fashion-MNIST, paired over seeds)")
    void demoClaim() {
        SuiteRuns.claim(DEMO.experiments().get(0), Reports.runsOf("demo"));
    }

    @AfterAll
    static void writeResults() {
        Reports.writeResults();
    }
}
