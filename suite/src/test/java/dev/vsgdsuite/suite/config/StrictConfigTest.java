package dev.vsgdsuite.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.schema.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every YAML the config loader reads rejects a key or section it does not declare, naming file and key. */
class StrictConfigTest {

    static final ConfigLoader LOADER = new ConfigLoader(ProjectPaths.configs());
    static final List<String> DEMO = List.of("experiment=fashion_convmixer_demo", "optimizer=vsgd");

    /** A run's config.yaml, as an earlier run wrote it. */
    static Path resolvedConfig(Path dir) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, LOADER.resolve(DEMO).toYaml());
        return file;
    }

    @Test
    void aMisspeltKeyInAResolvedConfigStopsTheRun(@TempDir Path dir) throws Exception {
        Path file = resolvedConfig(dir);
        Files.writeString(file, Files.readString(file).replace("train:\n", "train:\n  max_itr: 3\n"));
        assertThatThrownBy(() -> LOADER.resolve(List.of("config=" + file)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("train.max_itr is not a key of train")
                .hasMessageContaining("max_iter");
        assertThatThrownBy(() -> RunConfig.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("train.max_itr");
    }

    @Test
    void aMisspeltSectionInAResolvedConfigStopsTheRun(@TempDir Path dir) throws Exception {
        Path file = resolvedConfig(dir);
        Files.writeString(file, Files.readString(file) + "trian:\n  seed: 3\n");
        assertThatThrownBy(() -> LOADER.resolve(List.of("config=" + file)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ": unknown top-level key 'trian'")
                .hasMessageContaining("train");
    }

    @Test
    void everySectionOfAResolvedConfigIsChecked(@TempDir Path dir) throws Exception {
        String good = Files.readString(resolvedConfig(dir));
        String[][] typos = {{"model:\n", "model:\n  paatch: 3\n", "model.paatch"},
                {"scheduler:\n", "scheduler:\n  step_size: 3\n", "scheduler.step_size"},
                {"dataset:\n", "dataset:\n  pth: x\n", "dataset.pth"},
                {"optimizer:\n", "optimizer:\n  momentum: 0.9\n", "optimizer.momentum"}};
        for (String[] t : typos) {
            Path file = dir.resolve("typo.yaml");
            Files.writeString(file, good.replace(t[0], t[1]));
            assertThatThrownBy(() -> LOADER.resolve(List.of("config=" + file)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(t[2]).hasMessageContaining("valid");
        }
    }

    @Test
    void aFolderGivenAsConfigSaysSoAndWhatToPass(@TempDir Path dir) {
        assertThatThrownBy(() -> LOADER.resolve(List.of("config=" + dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is a folder")
                .hasMessageContaining("config=" + dir.resolve("config.yaml"))
                .hasMessageContaining("resume=" + dir);
    }

    static Stream<Arguments> groupFiles() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("train.yaml", "seeed: 1\n", "train.seeed"));
        out.add(Arguments.of("dataset/fashion_mnist.yaml", "shuffle: true\n", "dataset.shuffle"));
        out.add(Arguments.of("model/convmixer_demo.yaml", "patches: 2\n", "model.patches"));
        out.add(Arguments.of("scheduler/none.yaml", "gamma: 0.5\n", "scheduler.gamma"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupFiles")
    void aMisspeltKeyInAGroupFileStopsTheRun(String file, String typo, String named, @TempDir Path dir) throws Exception {
        Path configs = ProjectConfigsCopy.into(dir);
        Path target = configs.resolve(file);
        Files.writeString(target, Files.readString(target) + typo);
        assertThatThrownBy(() -> new ConfigLoader(configs).resolve(DEMO))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining(named + " is not a key of")
                .hasMessageContaining("valid");
    }

    @Test
    void everyShippedGroupFileIsDeclared() {
        for (String group : List.of("dataset", "model", "scheduler")) {
            for (String name : LOADER.names(group)) {
                RunConfig c = LOADER.resolve(List.of("experiment=fashion_convmixer_demo", "optimizer=adam",
                        group + "=" + name));
                assertThat(c.tree().path(group + "_file").asText()).isEqualTo(name);
            }
        }
    }

    @Test
    void aSeedBeyondTheLongRangeIsRefusedNotWrapped() {
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=fashion_convmixer_demo",
                "train.seed=99999999999999999999")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("train.seed = 99999999999999999999 is not a whole number from")
                .hasMessageContaining(String.valueOf(Long.MAX_VALUE));
        assertThat(LOADER.resolve(List.of("experiment=fashion_convmixer_demo", "train.seed=" + Long.MAX_VALUE))
                .train().seed()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=fashion_convmixer_demo",
                "train.batch_size=3000000000")))
                .hasMessageContaining("train.batch_size = 3000000000 is not a whole number from");
    }

    @Test
    void nullableKeysTakeNullAndTheirRuleOtherwise() {
        RunConfig c = LOADER.resolve(List.of("experiment=fashion_convmixer_demo", "train.target_accuracy=null"));
        assertThat(c.train().targetAccuracy()).isNull();
        assertThat(c.dataset().path()).isNull();
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=fashion_convmixer_demo", "train.target_accuracy=2")))
                .hasMessageContaining("train.target_accuracy = 2.0 is invalid: it must be in (0, 1], or null");
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=fashion_convmixer_demo", "dataset.name=imagenet")))
                .hasMessageContaining("dataset.name = imagenet is invalid");
    }
}
