package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.vsgdsuite.suite.tune.TuningResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./vsgd-suite tune} from the command line: a tiny search on the shipped subset, and its errors. */
class TuneCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aTinySearchOnTheShippedSubsetWritesItsResultAndTheOverlayAskedFor() throws Exception {
        Path out = tmp.resolve("tuning");
        Path overlay = tmp.resolve("overlay.yaml");
        Cli.Outcome o = Cli.run("tune", "--out", out.toString(), "--overlay", overlay.toString(),
                CliErrorsTest.DEMO, "optimizer=vsgd", "dataset=fashion_mnist_subset", "tune.grid=1e-3:1e-2",
                "tune.per_decade=1", "tune.budget_iterations=20", "tune.split=300", "tune.eval_every=20",
                "tune.extend_max=0", "train.test_batch_size=100");
        assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.DONE.code());
        TuningResult r = TuningResult.read(TuningResult.file(out, "fashion_convmixer_demo", "vsgd"));
        assertThat(r.trials()).hasSize(2);
        assertThat(r.how().budgetIterations()).isEqualTo(20);
        assertThat(Files.readString(overlay)).contains("vsgd:").contains("lr: " + r.lr()).contains("split: 300");
        assertThat(r.how().command()).contains("tune.grid=1e-3:1e-2");
    }

    @Test
    void resultsOfSeparateSearchesBecomeOneOverlayPerExperiment() throws Exception {
        Path out = tmp.resolve("tuning");
        for (String optimizer : new String[] {"vsgd", "sgd"}) {
            Cli.Outcome o = Cli.run("tune", "--out", out.toString(), "--no-overlay", CliErrorsTest.DEMO,
                    "optimizer=" + optimizer, "dataset=fashion_mnist_subset", "tune.grid=1e-2:1e-2",
                    "tune.budget_iterations=5", "tune.split=300", "tune.eval_every=5", "tune.extend_max=0",
                    "train.test_batch_size=100");
            assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.DONE.code());
        }
        Path configs = dev.vsgdsuite.suite.config.ProjectConfigsCopy.into(tmp.resolve("project"));
        String root = System.getProperty(dev.vsgdsuite.suite.runtime.ProjectPaths.ROOT_PROPERTY);
        System.setProperty(dev.vsgdsuite.suite.runtime.ProjectPaths.ROOT_PROPERTY, configs.getParent().toString());
        try {
            assertThat(Cli.run("tune", "--from-results", out.toString()).code()).isEqualTo(ExitCode.DONE.code());
        } finally {
            if (root == null) {
                System.clearProperty(dev.vsgdsuite.suite.runtime.ProjectPaths.ROOT_PROPERTY);
            } else {
                System.setProperty(dev.vsgdsuite.suite.runtime.ProjectPaths.ROOT_PROPERTY, root);
            }
        }
        String overlay = Files.readString(dev.vsgdsuite.suite.config.TunedOverlay.file(configs, "fashion_convmixer_demo"));
        assertThat(overlay).contains("vsgd:").contains("sgd:").contains("budget_iterations: 5");
        Files.writeString(out.resolve("broken-sgd.json"), "{");
        Cli.Outcome broken = Cli.run("tune", "--from-results", out.toString());
        assertThat(broken.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(broken.err()).contains("broken-sgd.json is not a tuning result");
    }

    @Test
    void missingArgumentsAreUsageErrorsAndBadTuningKeysOneLineOfBadInput() {
        assertThat(Cli.run("tune", CliErrorsTest.DEMO).code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(Cli.run("tune", "optimizer=sgd").code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(Cli.run("tune", "--no-overlay", "--overlay", "x.yaml", CliErrorsTest.DEMO, "optimizer=sgd").code())
                .isEqualTo(ExitCode.USAGE.code());
        Cli.Outcome bad = Cli.run("tune", "--no-overlay", CliErrorsTest.DEMO, "optimizer=sgd", "tune.budget=9");
        assertThat(bad.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(bad.errLines()).isEqualTo(1);
        assertThat(bad.err()).contains("tune.budget is not a tuning key").contains("tune.budget_iterations");
        Cli.Outcome unknown = Cli.run("tune", "--no-overlay", CliErrorsTest.DEMO, "optimizer=adamm");
        assertThat(unknown.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(unknown.err()).contains("adamm");
    }
}
