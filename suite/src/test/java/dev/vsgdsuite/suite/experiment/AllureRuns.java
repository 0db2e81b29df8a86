package dev.vsgdsuite.suite.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.report.Charts;
import dev.vsgdsuite.suite.report.ClaimCheck;
import dev.vsgdsuite.suite.report.ClaimTables;
import dev.vsgdsuite.suite.report.RunRecord;
import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import dev.vsgdsuite.suite.train.Json;
import dev.vsgdsuite.suite.train.Phases;
import dev.vsgdsuite.suite.train.Progress;
import dev.vsgdsuite.suite.train.RunDirectory;
import dev.vsgdsuite.suite.train.RunResult;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;

/**
 * Runs an invocation as an Allure test: labels (paper → dataset → architecture), parameters, one
 * step per phase of the run, and the run's evidence attached (learning curves, β1 distribution,
 * resolved config, metrics, environment).
 */
final class AllureRuns {

    static final String PAPER = "VSGD (Kuzina et al., TMLR 2025)";

    private AllureRuns() {}

    static RunRecord run(Invocation inv, Path runsRoot) throws IOException {
        RunConfig config = Experiment.resolve(inv.arguments());
        label(config.experiment(), config.dataset().name());
        Allure.parameter("profile", inv.profile());
        Allure.parameter("experiment", inv.experiment());
        Allure.parameter("optimizer", inv.optimizer());
        Allure.parameter("seed", inv.seed());
        Allure.parameter("overrides", String.join(" ", inv.overrides()));
        StepPhases steps = new StepPhases();
        RunResult result;
        try {
            result = Experiment.run(config, runsRoot, RunOptions.quiet().phases(steps));
            steps.close(Status.PASSED);
        } catch (RuntimeException | Error e) {
            steps.close(Status.BROKEN);
            throw e;
        }
        RunRecord record = RunRecord.read(Path.of(result.runDir()));
        attachEvidence(record);
        return record;
    }

    static void label(String experiment, String dataset) {
        Allure.epic(PAPER);
        Allure.feature(dataset);
        Allure.story(experiment);
    }

    static void attachEvidence(RunRecord r) throws IOException {
        RunDirectory dir = new RunDirectory(r.dir());
        Allure.addAttachment("learning curves", "image/png", new java.io.ByteArrayInputStream(Charts.learningCurves(r)), "png");
        Path beta = dir.file(RunDirectory.BETA1);
        if (Files.exists(beta)) {
            Allure.addAttachment("VSGD implicit momentum β1 (final)", "image/png", new java.io.ByteArrayInputStream(
                    Charts.betaHistogram("β1 = Bh/(Bg+Bh), " + r.experiment() + " seed " + r.seed(),
                            Json.LINE.readTree(beta.toFile()))), "png");
        }
        Allure.addAttachment("resolved config", "text/yaml", Files.readString(dir.file(RunDirectory.CONFIG)), "yaml");
        Allure.addAttachment("metrics", "application/x-ndjson", Files.readString(dir.file(RunDirectory.METRICS)), "jsonl");
        Allure.addAttachment("result", "application/json", Files.readString(dir.file(RunDirectory.RESULT)), "json");
        Map<String, Object> env = new java.util.LinkedHashMap<>(Dl4jRuntime.init().asMap());
        env.put("commit", Environment.commit());
        Allure.addAttachment("environment", "application/json", Json.PRETTY.writeValueAsString(env), "json");
    }

    /** Attaches one experiment's comparison (plots of all runs, the table) to the current claim test. */
    static void attachComparison(String experiment, List<RunRecord> runs, ClaimCheck.Outcome outcome) {
        Allure.addAttachment(experiment + ": test accuracy", "image/png",
                new java.io.ByteArrayInputStream(Charts.comparison(experiment, runs, "test_accuracy", "test accuracy")), "png");
        Allure.addAttachment(experiment + ": train loss", "image/png",
                new java.io.ByteArrayInputStream(Charts.comparison(experiment, runs, "train_loss", "train loss")), "png");
        Allure.addAttachment(experiment + ": final test accuracy per seed", "image/png",
                new java.io.ByteArrayInputStream(Charts.perSeed(outcome)), "png");
        Allure.addAttachment("comparison table", "text/markdown", ClaimTables.all(outcome), "md");
    }

    /**
     * A claim test's failure message: its prefix ("CLAIM CONTRADICTED", "CLAIM INCONCLUSIVE") is what
     * the report's categories match (Environment#writeAllureFiles).
     */
    static String claimMessage(ClaimCheck.Outcome o) {
        return "CLAIM " + o.verdict().id().toUpperCase(java.util.Locale.ROOT) + " for " + o.experiment() + ": "
                + o.summary() + "\n\n" + ClaimTables.all(o);
    }

    /** A published-value test's failure message, matched by the "Published value missed" category. */
    static String publishedMessage(ClaimCheck.Outcome o) {
        return "PUBLISHED VALUE MISSED for " + o.experiment() + ": " + String.join("; ", o.publishedMisses()) + "\n\n"
                + ClaimTables.optimizers(o);
    }

    /** Each phase of a run as an Allure step. */
    static final class StepPhases implements Phases {
        private final AllureLifecycle lifecycle = Allure.getLifecycle();
        private String current;

        @Override
        public void enter(String phase) {
            close(Status.PASSED);
            current = UUID.randomUUID().toString();
            lifecycle.startStep(current, new StepResult().setName(phase).setStatus(Status.PASSED));
        }

        void close(Status status) {
            if (current != null) {
                lifecycle.updateStep(current, s -> s.setStatus(status));
                lifecycle.stopStep(current);
                current = null;
            }
        }
    }
}
