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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

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

    /**
     * A fixed list of seeds starts from an empty runs folder; sequential seeds ({@code -Dsuite.seeds=auto})
     * continue from the run folders there, so a stopped sequence resumes and repeats no finished run.
     */
    @BeforeAll
    static void prepareRuns() throws Exception {
        DEMO.requireTuned();
        if (DEMO.sequential()) {
            SuiteRuns.keep(Reports.runsOf("demo"));
        } else {
            SuiteRuns.clean(Reports.runsOf("demo"));
        }
        SuiteRuns.warmUp(DEMO.runs());
    }

    @Order(1)
    @TestFactory
    @DisplayName("demo protocol, Fashion-MNIST")
    Stream<DynamicTest> demoRuns() {
        Stream<Invocation> runs = DEMO.sequential() ? SuiteRuns.rounds(DEMO, Reports.runsOf("demo")) : DEMO.runs().stream();
        return runs.map(inv -> DynamicTest.dynamicTest("demo protocol, Fashion-MNIST: " + inv, () -> {
            RunRecord r = SuiteRuns.runOrResume(inv, Reports.runsOf("demo"));
            assertThat(r.diverged()).as("diverged: " + r.result().path("divergence").asText()).isFalse();
            assertThat(r.testAccuracy()).as("test accuracy on 10 classes (chance 0.10)").isGreaterThan(0.5);
        }));
    }

    @Order(2)
    @Test
    @DisplayName("claim: VSGD beats Adam and SGD on the demo protocol (Fashion-MNIST, paired over seeds)")
    void demoClaim() {
        if (DEMO.sequential()) {
            SuiteRuns.sequentialClaim(DEMO, DEMO.experiments().get(0), Reports.runsOf("demo"));
        } else {
            SuiteRuns.claim(DEMO.experiments().get(0), Reports.runsOf("demo"));
        }
    }

    @AfterAll
    static void writeResults() {
        Reports.writeResults();
    }
}
