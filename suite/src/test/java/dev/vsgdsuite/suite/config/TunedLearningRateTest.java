package dev.vsgdsuite.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.vsgdsuite.suite.schema.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lr=tuned|config}: where a run's learning rate comes from, and that the run records it. */
class TunedLearningRateTest {

    private static final String E = "cifar100_vgg";

    @TempDir
    Path tmp;
    Path configs;
    ConfigLoader loader;

    @BeforeEach
    void copyConfigs() throws Exception {
        configs = ProjectConfigsCopy.into(tmp);
        Files.deleteIfExists(TunedOverlay.file(configs, E));
        loader = new ConfigLoader(configs);
    }

    private RunConfig resolve(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("experiment=" + E, "optimizer=adam"));
        args.addAll(List.of(extra));
        return loader.resolve(args);
    }

    @Test
    void withoutAnOverlayTunedIsAnErrorNamingTheTuneCommandAndConfigIsTheConfigsValue() {
        assertThatThrownBy(() -> resolve("lr=tuned")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("./vsgd-suite tune experiment=" + E + " optimizer=adam")
                .hasMessageContaining("lr=config");
        RunConfig config = resolve("lr=config");
        assertThat(config.optimizer().lr()).isEqualTo(0.1);
        assertThat(config.lrSource()).isEqualTo("config");
        assertThat(resolve().lrSource()).isEqualTo("config");
    }

    @Test
    void anOverlayGivesTheTunedValueAndTheRunRecordsWhereItCameFrom() throws Exception {
        new TunedOverlay(null, null).with("adam", 3.162e-4, null).write(TunedOverlay.file(configs, E), E);
        RunConfig config = resolve("lr=tuned");
        assertThat(config.optimizer().lr()).isEqualTo(3.162e-4);
        assertThat(config.lrSource()).isEqualTo("tuned (tuned/" + E + ".yaml)");
        Path file = tmp.resolve("config.yaml");
        Files.writeString(file, config.toYaml());
        assertThat(RunConfig.read(file).lrSource()).isEqualTo(config.lrSource());
        assertThat(resolve("lr=tuned", "optimizer.lr=0.5").lrSource()).isEqualTo("command line");
        assertThatThrownBy(() -> loader.resolve(List.of("experiment=" + E, "optimizer=sgd", "lr=tuned")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no learning rate for sgd");
    }

    @Test
    void aBadSourceABadOverlayOrLrOnAResolvedConfigAreRejected() throws Exception {
        assertThatThrownBy(() -> resolve("lr=best")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lr=best is not a learning-rate source");
        Path overlay = TunedOverlay.file(configs, E);
        Files.createDirectories(overlay.getParent());
        Files.writeString(overlay, "optimizers:\n  adam: {lr: 0.001, momentum: 0.9}\n");
        assertThatThrownBy(() -> resolve("lr=tuned")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(overlay.toString()).hasMessageContaining("unknown key 'momentum'");
        Files.writeString(overlay, "optimizers:\n  adam: {lr: -1}\n");
        assertThatThrownBy(() -> resolve("lr=tuned")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("optimizers.adam.lr = -1.0 is invalid");
        Path resolved = tmp.resolve("config.yaml");
        Files.writeString(resolved, resolve().toYaml());
        assertThatThrownBy(() -> loader.resolve(List.of("config=" + resolved, "lr=tuned")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("optimizer.lr=VALUE");
    }
}
