package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Each class of error: one line on stderr naming what and the fix, and its documented exit code. */
class CliErrorsTest {

    static final String DEMO = "experiment=fashion_convmixer_demo";

    @Test
    void aConfigErrorIsOneLineAndExitCode1() {
        Cli.Outcome o = Cli.run("run", "experiment=nope");
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.errLines()).isEqualTo(1);
        assertThat(o.err()).startsWith("vsgd-suite run: ").contains("experiment=nope").contains("cifar100_vgg")
                .doesNotContain("\tat ").doesNotContain("Exception");
        Cli.Outcome typo = Cli.run("run", DEMO, "train.max_itr=3");
        assertThat(typo.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(typo.errLines()).isEqualTo(1);
        assertThat(typo.err()).contains("train has no key 'max_itr'").contains("max_iter");
    }

    @Test
    void verbosePrintsTheStackTraceWhereverItIsGiven() {
        for (String[] args : new String[][] {{"--verbose", "run", "experiment=nope"}, {"run", "--verbose", "experiment=nope"}}) {
            Cli.Outcome o = Cli.run(args);
            assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
            assertThat(o.err()).contains("experiment=nope").contains("ConfigException").contains("\tat ");
        }
    }

    @Test
    void aMissingDatasetIsOneLineAndExitCode1(@TempDir Path runs) throws Exception {
        Cli.Outcome o = Cli.run("run", "--runs", runs.toString(), DEMO, "dataset=fashion_mnist_subset",
                "dataset.path=" + runs.resolve("no-such-folder"));
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.errLines()).isEqualTo(1);
        assertThat(o.err()).contains("Dataset fashion_mnist_subset not found").contains("no-such-folder")
                .doesNotContain("\tat ");
        try (var left = Files.list(runs)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void usageErrorsExitWith2AndPointToHelp() {
        Cli.Outcome unknown = Cli.run("run", "--bogus", DEMO);
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(unknown.err()).contains("Unknown option: '--bogus'").contains("vsgd-suite run --help")
                .doesNotContain("\tat ");
        assertThat(Cli.run("no-such-command").code()).isEqualTo(ExitCode.USAGE.code());
        Cli.Outcome resume = Cli.run("run", "resume=/tmp/x", "train.seed=1");
        assertThat(resume.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(resume.err()).contains("resume=RUN_DIR takes no other arguments");
    }

    @Test
    void messagesNameTheOptionTheUserTyped() {
        Cli.Outcome epochs = Cli.run("demo", "--epochs", "0");
        assertThat(epochs.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(epochs.err()).contains("--epochs 0").doesNotContain("train.max_iter");
        for (String shard : new String[] {"5/4", "x", "0/3", "1/2/3"}) {
            Cli.Outcome o = Cli.run("grid", "--profile", "smoke", "--shard", shard);
            assertThat(o.code()).as(shard).isEqualTo(ExitCode.USAGE.code());
            assertThat(o.err()).contains("--shard " + shard).doesNotContain("-Dsuite.shard");
        }
    }

    @Test
    void anEmptyRunsFolderIsRefusedNotTheWorkingFolder() {
        Cli.Outcome o = Cli.run("run", "--runs=", DEMO, "train.max_iter=1");
        assertThat(o.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(o.err()).contains("--runs").contains("empty");
        Cli.Outcome report = Cli.run("report", "--out=");
        assertThat(report.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(report.err()).contains("--out");
    }

    @Test
    void filesThatAreMissingOrFoldersSaySo(@TempDir Path dir) {
        Cli.Outcome missing = Cli.run("bench-report", dir.resolve("jmh.json").toString());
        assertThat(missing.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(missing.errLines()).isEqualTo(1);
        assertThat(missing.err()).contains("jmh.json: no such file").doesNotContain("not JSON");
        Cli.Outcome folder = Cli.run("run", "config=" + dir);
        assertThat(folder.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(folder.err()).contains("is a folder").contains("config=" + dir.resolve("config.yaml"));
        Cli.Outcome noRuns = Cli.run("report", "--runs", dir.resolve("nothing").toString(), "--out", dir.toString());
        assertThat(noRuns.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(noRuns.err()).contains("no such folder");
    }

    @Test
    void anUnexpectedExceptionIsAnInternalErrorWithExitCode5() throws Exception {
        CommandLine cl = Main.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        int code = cl.getExecutionExceptionHandler().handleExecutionException(new NullPointerException("boom"), cl,
                cl.parseArgs("list"));
        assertThat(code).isEqualTo(ExitCode.INTERNAL.code());
        assertThat(err.toString()).contains("internal error: java.lang.NullPointerException: boom").contains("--verbose");
        IllegalStateException fromALibrary = new IllegalStateException("shape mismatch");
        fromALibrary.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.nd4j.Foo", "bar", null, 1)});
        assertThat(ErrorHandler.isUserError(fromALibrary)).isFalse();
        assertThat(ErrorHandler.isUserError(new IllegalStateException("-Dsuite.root=x is not a folder"))).isTrue();
    }

    @Test
    void interruptionSaysWhereTheLastCheckpointIsAndHowToResume(@TempDir Path run) throws Exception {
        assertThat(Interruption.advice(null)).contains("nothing to resume");
        assertThat(Interruption.advice(run)).contains("no checkpoint yet").contains("run resume=" + run);
        Files.writeString(run.resolve("checkpoint.zip"), "x");
        assertThat(Interruption.advice(run)).contains("Last checkpoint: " + run.resolve("checkpoint.zip"))
                .contains("continue with: ./vsgd-suite run resume=" + run);
    }
}
