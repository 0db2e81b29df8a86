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
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full paper ({@code mvn verify -Pfull-paper}, through Failsafe; add {@code -Pcuda} on a GPU):
 * six experiments × four optimizers × three seeds ({@code -Dsuite.seeds} changes them) at the authors' sizes on the real datasets, then
 * one claim test per experiment. {@code -Dsuite.shard=i/n} runs the i-th of n disjoint parts of the
 * grid (no claim tests: they need every part); after the parts' {@code reports/runs/full-paper}
 * folders are merged, {@code -Dsuite.claimsOnly=true} runs just the claim tests and the report.
 */
@Tag("full-paper")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("full paper")
class PaperSuiteIT {

    static final boolean CLAIMS_ONLY = Boolean.getBoolean("suite.claimsOnly");
    static final Profile FULL_PAPER = Profile.load("full-paper").withSeeds(System.getProperty("suite.seeds"))
            .withLr(System.getProperty("suite.lr"));

    @BeforeAll
    static void prepare() throws Exception {
        if (!CLAIMS_ONLY) {
            FULL_PAPER.requireTuned();
        }
        if (!CLAIMS_ONLY && System.getProperty("suite.shard", "").isBlank()) {
            SuiteRuns.clean(Reports.runsOf("full-paper"));
        } else {
            java.nio.file.Files.createDirectories(Reports.runsOf("full-paper"));
            Environment.writeAllureFiles();
        }
    }

    static Stream<Invocation> runs() {
        if (CLAIMS_ONLY) {
            return Stream.empty();
        }
        return Shards.part(FULL_PAPER.runs(), System.getProperty("suite.shard")).stream();
    }

    static Stream<String> experiments() {
        return FULL_PAPER.experiments().stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void paperRun(Invocation inv) throws Exception {
        RunRecord r = AllureRuns.run(inv, Reports.runsOf("full-paper"));
        assertThat(r.result().path("iterations").asInt()).isPositive();
    }

    @Order(2)
    @ParameterizedTest(name = "claim: {0}")
    @MethodSource("experiments")
    @DisabledIfSystemProperty(named = "suite.shard", matches = ".+", disabledReason = "claims need every shard's runs: "
            + "merge reports/runs/full-paper and run -Dsuite.claimsOnly=true")
    void claim(String experiment) {
        SuiteRuns.claim(experiment, Reports.runsOf("full-paper"));
    }

    static Stream<String> experimentsWithPublishedValues() {
        return experiments().filter(e -> Reports.claims().hasPublished(e));
    }

    @Order(3)
    @ParameterizedTest(name = "published values: {0}")
    @MethodSource("experimentsWithPublishedValues")
    @DisabledIfSystemProperty(named = "suite.shard", matches = ".+", disabledReason = "needs every shard's runs: "
            + "merge reports/runs/full-paper and run -Dsuite.claimsOnly=true")
    void publishedValues(String experiment) {
        SuiteRuns.published(experiment, Reports.runsOf("full-paper"));
    }

    @AfterAll
    static void writeResults() {
        Reports.writeResults();
    }
}
