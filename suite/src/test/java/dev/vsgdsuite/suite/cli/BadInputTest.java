package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.config.ProjectConfigsCopy;
import dev.vsgdsuite.suite.config.TunedOverlay;
import dev.vsgdsuite.suite.config.TuningPlan;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs a hostile new user tried: each is refused with one line that names the file or key, what is
 * wrong and the fix, in the documented exit code; none echoes Jackson's internals or a value whole.
 */
class BadInputTest {

    static final String DEMO = "experiment=fashion_convmixer_demo";
    static final String SUBSET = "dataset=fashion_mnist_subset";

    @Test
    void aMisspeltKeyOfTheTuningPlanIsNamedNotAJacksonMessage(@TempDir Path dir) throws IOException {
        Path configs = ProjectConfigsCopy.into(dir);
        Path plan = configs.resolve(TuningPlan.FILE);
        Files.writeString(plan, Files.readString(plan).replace("extend_max: 2", "extend_mx: 2"));
        assertThatThrownBy(() -> TuningPlan.read(plan)).hasMessageStartingWith(plan + ": unknown key 'extend_mx' at ")
                .hasMessageContaining("extend_max").hasMessageNotContaining("DeserializationFeature");
        Files.writeString(plan, Files.readString(plan).replace("extend_mx: 2", ""));
        assertThatThrownBy(() -> TuningPlan.read(plan)).hasMessage(plan + ": extend_max is missing or null; it must be set")
                .hasMessageNotContaining("Cannot map");
    }

    @Test
    void anOverlayCutCorruptOrEmptyIsNamedWithTheFix(@TempDir Path dir) throws IOException {
        Path overlay = dir.resolve("tuned").resolve("e.yaml");
        Files.createDirectories(overlay.getParent());
        String whole = Files.readString(ProjectPaths.configs().resolve("tuned").resolve("fashion_convmixer_demo.yaml"));
        String[] cases = {whole.substring(0, whole.length() / 2), "\u0000\u00ff garbage {{{ ]]", "", "optimizers: [1, 2]\n"};
        for (String text : cases) {
            Files.writeString(overlay, text);
            assertThatThrownBy(() -> TunedOverlay.readIfPresent(overlay)).as(text.length() + " chars")
                    .hasMessageStartingWith(overlay.toString())
                    .hasMessageContaining("run ./vsgd-suite tune again to write it, or delete it and run with lr=config")
                    .hasMessageNotContaining("java.").hasMessageNotContaining("Cannot construct")
                    .hasMessageNotContaining("No content to map");
        }
    }

    @Test
    void aFortyMegabyteOverlayIsRefusedBeforeItIsParsed(@TempDir Path dir) throws IOException {
        Path overlay = dir.resolve("e.yaml");
        try (OutputStream out = Files.newOutputStream(overlay)) {
            byte[] line = "# padding padding padding padding padding padding padding padding\n".getBytes();
            for (long written = 0; written < 40L << 20; written += line.length) {
                out.write(line);
            }
        }
        assertThatThrownBy(() -> TunedOverlay.readIfPresent(overlay))
                .hasMessageStartingWith(overlay + " is 41943" ).hasMessageContaining("more than any tuned overlay holds (1 MiB at most)");
        Path config = dir.resolve("big.yaml");
        Files.move(overlay, config);
        assertThatThrownBy(() -> new ConfigLoader(ProjectPaths.configs()).resolve(java.util.List.of("config=" + config)))
                .hasMessageContaining("more than any config file holds");
    }

    @Test
    void anOverlayEntryForAnOptimizerTheSuiteLacksIsRefusedNamingTheNearest(@TempDir Path dir) throws IOException {
        Path overlay = dir.resolve("e.yaml");
        Files.writeString(overlay, "optimizers:\n  rmsprop: {lr: 0.1}\n  sgd: {lr: 0.1}\n");
        assertThatThrownBy(() -> TunedOverlay.readIfPresent(overlay))
                .hasMessageStartingWith(overlay + ": optimizers.rmsprop is not an optimizer of the suite; valid: [");
        Files.writeString(overlay, "optimizers:\n  vsdg: {lr: 0.1}\n");
        assertThatThrownBy(() -> TunedOverlay.readIfPresent(overlay)).hasMessageContaining("optimizers.vsdg is not an "
                + "optimizer of the suite (did you mean vsgd?)");
    }

    @Test
    void aWholeNumberWrittenWithAnExponentIsThatNumber() {
        assertThat(new ConfigLoader(ProjectPaths.configs()).resolve(java.util.List.of(DEMO, "train.max_iter=1e1")).train()
                .maxIter()).isEqualTo(10);
        Cli.Outcome half = Cli.run("run", DEMO, SUBSET, "train.max_iter=2.5");
        assertThat(half.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(half.err()).contains("train.max_iter = 2.5 is not a whole number");
    }

    @Test
    void aSplitGivenOnTheCommandLineIsBlamedOnTheCommandLine() {
        Cli.Outcome o = Cli.run("tune", DEMO, SUBSET, "optimizer=sgd", "tune.split=3000", "--no-overlay");
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.err()).contains("tune.split=3000 (command line): ").doesNotContain("configs/tuning.yaml");
    }

    @Test
    void anInterruptedSearchSaysItMustBeRunAgainAndWhereItsTrialsAre(@TempDir Path trials) throws IOException {
        Interruption.Search search = new Interruption.Search(trials, "./vsgd-suite tune experiment=e optimizer=sgd");
        assertThat(Interruption.searchAdvice(search)).contains("No trial folder was made yet")
                .endsWith("run it again with: ./vsgd-suite tune experiment=e optimizer=sgd");
        Files.createDirectories(trials.resolve("trial-lr0.01-s0"));
        assertThat(Interruption.searchAdvice(search)).contains("trial folders under " + trials)
                .contains("a search does not resume").doesNotContain("No run folder was made yet");
    }

    @Test
    void aHugeValueIsNotEchoedWhole() {
        String digits = "9".repeat(5000);
        for (String arg : new String[] {"train.seed=" + digits, "train.batch_size=" + digits, "optimizer.lr=-" + digits}) {
            Cli.Outcome o = Cli.run("run", DEMO, SUBSET, arg);
            assertThat(o.code()).as(arg.substring(0, 12)).isEqualTo(ExitCode.BAD_INPUT.code());
            assertThat(o.err().length()).as(o.err().substring(0, 80)).isLessThan(600);
        }
    }

    @Test
    void aRepeatedOverrideIsBadUsageAsARepeatedOptionIs() {
        Cli.Outcome twice = Cli.run("run", DEMO, SUBSET, "train.seed=1", "train.seed=2");
        assertThat(twice.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(twice.err()).contains("Argument 'train.seed' is given twice");
        assertThat(Cli.run("run", "--runs", "a", "--runs", "b", DEMO, SUBSET).code()).isEqualTo(ExitCode.USAGE.code());
    }
}
