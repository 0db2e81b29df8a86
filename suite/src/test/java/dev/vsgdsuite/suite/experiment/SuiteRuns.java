package dev.vsgdsuite.suite.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.report.ClaimCheck;
import dev.vsgdsuite.suite.report.Reports;
import dev.vsgdsuite.suite.report.RunRecord;
import dev.vsgdsuite.suite.report.SequentialClaims;
import dev.vsgdsuite.suite.report.SequentialRounds;
import dev.vsgdsuite.suite.report.SequentialRuns;
import dev.vsgdsuite.suite.verdict.Outcome;
import dev.vsgdsuite.suite.verdict.SequentialDesign;
import io.qameta.allure.Allure;

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

    /** Keeps a profile's runs folder as it is (sequential seeds continue from it), creating it if absent. */
    static void keep(Path runs) throws IOException {
        Files.createDirectories(runs);
        Environment.writeAllureFiles();
    }

    /** A sequential profile's runs, round by round, from the run folders ({@link SequentialRuns#rounds}). */
    static Stream<Invocation> rounds(Profile profile, Path runs) {
        return SequentialRuns.rounds(profile, runs, design(), Reports.claims().baselines());
    }

    /**
     * Runs {@code inv} in {@code runs}, or resumes the unfinished folder a killed earlier attempt left
     * for it from its last checkpoint.
     */
    static RunRecord runOrResume(Invocation inv, Path runs) throws IOException {
        Path unfinished = SequentialRuns.unfinished(inv, runs);
        if (unfinished == null) {
            return AllureRuns.run(inv, runs);
        }
        RunConfig c = RunConfig.read(unfinished.resolve(dev.vsgdsuite.suite.train.RunDirectory.CONFIG));
        AllureRuns.label(c.experiment(), c.dataset().name());
        Allure.parameter("resumed", unfinished.getFileName().toString());
        Experiment.resume(unfinished, dev.vsgdsuite.suite.train.Progress.quiet());
        RunRecord r = RunRecord.read(unfinished);
        AllureRuns.attachEvidence(r);
        return r;
    }

    static SequentialDesign design() {
        return Reports.sequentialDesign();
    }

    /**
     * The claim test of one experiment of a sequential profile: passes when every baseline is
     * reproduced, fails in the category of the experiment's outcome otherwise.
     */
    static void sequentialClaim(Profile profile, String experiment, Path runs) {
        SequentialDesign design = design();
        outcome(experiment, runs);
        SequentialRounds.State s = SequentialRuns.state(profile, experiment, runs, design, Reports.claims().baselines());
        Outcome o = SequentialClaims.experimentOutcome(s);
        Allure.addAttachment("sequential looks", "text/markdown", SequentialClaims.markdown(s), "md");
        if (o != Outcome.REPRODUCED) {
            throw new AssertionError("CLAIM " + o.id().toUpperCase(java.util.Locale.ROOT) + " for " + experiment + ": "
                    + SequentialClaims.summary(s) + "\n\n" + SequentialClaims.markdown(s));
        }
    }

    /**
     * Warms the JIT on each distinct optimizer of {@code runs} (all of one experiment and dataset), so
     * the first measured run's step times are as warm as the last's.
     */
    static void warmUp(List<Invocation> runs) {
        List<RunConfig> configs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Invocation inv : runs) {
            if (seen.add(inv.optimizer())) {
                configs.add(Experiment.resolve(inv.arguments()));
            }
        }
        JitWarmUp.run(configs, Experiment.load(configs.get(0)));
    }

    /** The claim outcome of one experiment over the runs in {@code runs}, labelled and attached to the current test. */
    static ClaimCheck.Outcome outcome(String experiment, Path runs) {
        List<RunRecord> records = RunRecord.under(runs);
        String dataset = records.stream().filter(r -> r.experiment().equals(experiment)).map(RunRecord::dataset)
                .findFirst().orElse("?");
        AllureRuns.label(experiment, dataset);
        Allure.parameter("experiment", experiment);
        ClaimCheck.Outcome outcome = ClaimCheck.check(experiment, records, Reports.claims());
        AllureRuns.attachComparison(experiment, records, outcome);
        return outcome;
    }

    /** The claim test of one experiment: fails unless every baseline's comparison reproduces the claim. */
    static void claim(String experiment, Path runs) {
        ClaimCheck.Outcome outcome = outcome(experiment, runs);
        if (!outcome.reproduced()) {
            throw new AssertionError(AllureRuns.claimMessage(outcome));
        }
    }

    /** The published-value test of one experiment: every measured mean within the tolerance of the published value. */
    static void published(String experiment, Path runs) {
        ClaimCheck.Outcome outcome = outcome(experiment, runs);
        if (!outcome.publishedMisses().isEmpty()) {
            throw new AssertionError(AllureRuns.publishedMessage(outcome));
        }
    }
}
