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
import dev.vsgdsuite.suite.runtime.ProjectPaths;
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

    /**
     * A sequential profile's runs, round by round: each round is computed from the run folders when the
     * previous one has run (JUnit pulls dynamic tests one at a time), until every experiment is decided
     * or at MAX.
     */
    static Stream<Invocation> rounds(Profile profile, Path runs) {
        SequentialDesign design = SequentialDesign.read(ProjectPaths.configs().resolve("claims.yaml"));
        java.util.Iterator<Invocation> it = new java.util.Iterator<>() {
            private final java.util.ArrayDeque<Invocation> round = new java.util.ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (round.isEmpty()) {
                    round.addAll(SequentialRounds.next(profile.runs(), SequentialRounds.finished(RunRecord.scan(runs).runs()),
                            design, Reports.claims().baselines()));
                }
                return !round.isEmpty();
            }

            @Override
            public Invocation next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return round.poll();
            }
        };
        return java.util.stream.StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(it, java.util.Spliterator.ORDERED), false);
    }

    /**
     * Runs {@code inv} in {@code runs}, or resumes the unfinished folder a killed earlier attempt left
     * for it (same experiment, optimizer and seed) from its last checkpoint.
     */
    static RunRecord runOrResume(Invocation inv, Path runs) throws IOException {
        for (RunRecord.Broken b : RunRecord.scan(runs).broken()) {
            Path config = b.dir().resolve(dev.vsgdsuite.suite.train.RunDirectory.CONFIG);
            if (Files.exists(config) && !Files.exists(b.dir().resolve(dev.vsgdsuite.suite.train.RunDirectory.RESULT))) {
                RunConfig c = RunConfig.read(config);
                if (c.experiment().equals(inv.experiment()) && c.optimizer().name().equals(inv.optimizer())
                        && c.train().seed() == inv.seed()) {
                    AllureRuns.label(c.experiment(), c.dataset().name());
                    Experiment.resume(b.dir(), dev.vsgdsuite.suite.train.Progress.quiet());
                    return RunRecord.read(b.dir());
                }
            }
        }
        return AllureRuns.run(inv, runs);
    }

    /**
     * The claim test of one experiment of a sequential profile: passes when every baseline is
     * reproduced, fails in the category of the experiment's outcome otherwise.
     */
    static void sequentialClaim(Profile profile, String experiment, Path runs) {
        SequentialDesign design = SequentialDesign.read(ProjectPaths.configs().resolve("claims.yaml"));
        List<RunRecord> records = RunRecord.under(runs);
        outcome(experiment, runs);
        SequentialRounds.State s = SequentialRounds.state(experiment, profile.runs(),
                SequentialRounds.finished(records), design, Reports.claims().baselines());
        Outcome o = SequentialClaims.experimentOutcome(s);
        Allure.addAttachment("sequential looks", "text/markdown", SequentialClaims.markdown(s, design), "md");
        if (o != Outcome.REPRODUCED) {
            throw new AssertionError("CLAIM " + o.id().toUpperCase(java.util.Locale.ROOT) + " for " + experiment + ": "
                    + SequentialClaims.summary(s) + "\n\n" + SequentialClaims.markdown(s, design));
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
