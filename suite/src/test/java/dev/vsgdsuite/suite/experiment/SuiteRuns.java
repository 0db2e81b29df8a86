package dev.vsgdsuite.suite.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.report.ClaimCheck;
import dev.vsgdsuite.suite.report.Reports;
import dev.vsgdsuite.suite.report.RunRecord;
import io.qameta.allure.Allure;

import static org.assertj.core.api.Assertions.assertThat;

/** What the profile suites share: a clean runs folder per profile, claim tests, RESULTS.md. */
final class SuiteRuns {

    private SuiteRuns() {}

    /** Empties a profile's runs folder, so its claim tests see this session's runs only. */
    static void clean(Path runs) throws IOException {
        if (Files.isDirectory(runs)) {
            try (Stream<Path> s = Files.walk(runs)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(runs);
        Environment.writeAllureFiles();
    }

    /** The claim test of one experiment over the runs in {@code runs}. */
    static void claim(String experiment, Path runs) {
        List<RunRecord> records = RunRecord.under(runs);
        String dataset = records.stream().filter(r -> r.experiment().equals(experiment)).map(RunRecord::dataset)
                .findFirst().orElse("?");
        AllureRuns.label(experiment, dataset);
        Allure.parameter("experiment", experiment);
        ClaimCheck.Outcome outcome = ClaimCheck.check(experiment, records, Reports.claims());
        AllureRuns.attachComparison(experiment, records, outcome);
        if (!outcome.reproduced()) {
            throw new AssertionError(AllureRuns.claimMessage(outcome));
        }
        assertThat(outcome.rows()).containsKeys("vsgd", "adam", "sgd");
    }
}
