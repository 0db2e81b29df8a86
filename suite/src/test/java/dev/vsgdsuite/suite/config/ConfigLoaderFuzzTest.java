package dev.vsgdsuite.suite.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vsgdsuite.suite.schema.ConfigException;

/**
 * Fuzzes {@link ConfigLoader#resolve} on a copy of the project's {@code configs/}: the
 * {@code key=value} arguments, the content of one experiment file, and a resolved
 * {@code config.yaml} given as {@code config=FILE}.
 *
 * <p>Contract: it returns a validated config, or throws a {@link ConfigException} with a message;
 * nothing else escapes.
 */
class ConfigLoaderFuzzTest {

    private static final Path CONFIGS = copyOfProjectConfigs();
    private static final ConfigLoader LOADER = new ConfigLoader(CONFIGS);

    @FuzzTest
    @DictionaryEntries({"experiment=", "config=", "dataset=", "model=", "optimizer=", "scheduler=", "train.",
            "model.", "optimizer.", "scheduler.", "dataset.", "max_iter", "seed", "batch_size", "lr", "patch", "dim",
            "fashion_convmixer_demo", "fashion_mnist_subset", "vsgd", "adam", "cosine", "null", "true", "1e30", "-1"})
    void overrides(FuzzedDataProvider data) {
        List<String> args = new ArrayList<>();
        if (data.consumeBoolean()) {
            args.add("experiment=fashion_convmixer_demo");
        }
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            args.add(data.consumeString(80));
        }
        resolve(args);
    }

    @FuzzTest
    @DictionaryEntries({"defaults:", "dataset:", "model:", "optimizer:", "scheduler:", "train:", "optimizers:",
            "max_iter:", "lr:", "vsgd:", "fashion_mnist_subset", "convmixer", "[", "{", "&a", "*a", "!!"})
    void experimentFile(byte[] yaml) throws IOException {
        Files.write(CONFIGS.resolve("experiment").resolve("fuzz.yaml"), yaml);
        resolve(List.of("experiment=fuzz"));
    }

    @FuzzTest
    @DictionaryEntries({"experiment:", "dataset:", "model:", "optimizer:", "scheduler:", "train:", "name:", "arch:",
            "max_iter:", "lr:", "vsgd", "convmixer", "[", "{", "~", "!!"})
    void resolvedConfigFile(byte[] yaml) throws IOException {
        Path file = CONFIGS.resolve("fuzz-config.yaml");
        Files.write(file, yaml);
        resolve(List.of("config=" + file));
    }

    private static void resolve(List<String> args) {
        try {
            RunConfig config = LOADER.resolve(args);
            assertThat(config.train().maxIter()).isPositive();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static Path copyOfProjectConfigs() {
        try {
            return ProjectConfigsCopy.into(Files.createTempDirectory("vsgd-fuzz-configs-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
