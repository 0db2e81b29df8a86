package dev.vsgdsuite.suite.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vsgdsuite.suite.optim.AdamStep;
import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.config.ProjectConfigsCopy;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Key;
import dev.vsgdsuite.suite.schema.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/** The registry of optimizer types: one declaration per optimizer feeds the YAML check, validation and docs. */
class OptimizerTypesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<OptimizerType<?>> types() {
        return OptimizerConfig.types().stream();
    }

    static ObjectNode shippedFile(String name) throws IOException {
        return (ObjectNode) YAML.readTree(ProjectPaths.configs().resolve("optimizer").resolve(name + ".yaml").toFile());
    }

    @Test
    void theRegistryIsThePermitsClauseWithUniqueNamesAndAFilePerOptimizer() {
        List<String> names = types().map(OptimizerType::name).toList();
        assertThat(names).as("the paper's optimizers").contains("vsgd", "adam", "adamw", "sgd");
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(new ConfigLoader(ProjectPaths.configs()).names("optimizer")).containsExactlyInAnyOrderElementsOf(names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void eachShippedFileHoldsOnlyDeclaredKeysAndReadsBackToItsType(OptimizerType<?> type) throws IOException {
        ObjectNode file = shippedFile(type.name());
        List<String> keys = new ArrayList<>();
        file.fieldNames().forEachRemaining(keys::add);
        assertThat(type.schema().names()).containsAll(keys);
        OptimizerConfig c = OptimizerConfig.from(new Section("optimizer", file));
        assertThat(c.type()).isSameAs(type);
        assertThat(c.lr()).isEqualTo(file.get("lr").asDouble());
        assertThat(c.updater(null)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void aKeyOfAnotherOptimizerIsRejectedByName(OptimizerType<?> type) throws IOException {
        ObjectNode node = shippedFile(type.name());
        node.put("momentum_typo", 0.9);
        assertThatThrownBy(() -> OptimizerConfig.from(new Section("optimizer", node)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("optimizer.momentum_typo is not a key of optimizer")
                .hasMessageContaining(type.schema().names().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void theLearningRateIsRequiredAndChecked(OptimizerType<?> type) throws IOException {
        ObjectNode node = shippedFile(type.name());
        node.remove("lr");
        assertThatThrownBy(() -> OptimizerConfig.from(new Section("optimizer", node)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("optimizer.lr is missing");
        node.put("lr", -0.1);
        assertThatThrownBy(() -> OptimizerConfig.from(new Section("optimizer", node)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("optimizer.lr = -0.1 is invalid: it must be >= 0");
    }

    @Test
    void aConfigBuiltInCodeIsValidatedLikeOneReadFromYaml() {
        assertThatThrownBy(() -> new VsgdConfig(0.1, 0, 1e-8, 30, 0.3, 0.9, 1e-8))
                .isInstanceOf(ConfigException.class).hasMessage("optimizer.tau1 = 0.3 is invalid: it must be in (0.5, 1].");
        assertThatThrownBy(() -> new AdamConfig(0.1, 0, 1.0, 0.999, 1e-8))
                .hasMessage("optimizer.beta1 = 1.0 is invalid: it must be in [0, 1).");
        assertThatThrownBy(() -> new SgdConfig(0.1, 0, 0, true)).hasMessageContaining("optimizer.nesterov");
        assertThatThrownBy(() -> new AdamWConfig(0.1, -1, 0.9, 0.999, 1e-8))
                .hasMessage("optimizer.weight_decay = -1.0 is invalid: it must be >= 0.");
    }

    @Test
    void absentKeysTakeTheDeclaredDefaults() {
        ObjectNode node = YAML.createObjectNode().put("name", "vsgd").put("lr", 0.05);
        VsgdConfig c = (VsgdConfig) OptimizerConfig.from(new Section("optimizer", node));
        assertThat(c).isEqualTo(new VsgdConfig(0.05, 0, 1e-8, 30, 0.81, 0.9, 1e-8));
        type("vsgd").schema().fillDefaults(node);
        assertThat(node.get("tau1").isNumber()).isTrue();
        assertThat(OptimizerConfig.from(new Section("optimizer", node))).isEqualTo(c);
    }

    @Test
    void eachTypeBuildsItsUpdaterAndDeclaresItsWeightDecay() {
        assertThat(new SgdConfig(0.1, 0, 0, false).updater(null)).isInstanceOf(Sgd.class);
        assertThat(new SgdConfig(0.1, 0, 0.9, false).updater(null)).isEqualTo(new SgdMomentum(0.1, null, 0.9, false));
        assertThat(new AdamWConfig(0.1, 0, 0.8, 0.99, 1e-6).updater(null)).isEqualTo(new TorchAdam(0.1, null, 0.8, 0.99, 1e-6));
        assertThat(new AdamConfig(0.1, 0, 0.8, 0.99, 1e-6).updater(null)).isEqualTo(new TorchAdam(0.1, null, 0.8, 0.99, 1e-6));
        assertThat(new AdamWConfig(0.1, 0, 0.8, 0.99, 1e-6, AdamStep.DL4J).updater(null))
                .isEqualTo(Adam.builder().learningRate(0.1).beta1(0.8).beta2(0.99).epsilon(1e-6).build());
        assertThat(new AdamConfig(0.1, 0, 0.8, 0.99, 1e-6, AdamStep.DL4J).updater(null))
                .isEqualTo(Adam.builder().learningRate(0.1).beta1(0.8).beta2(0.99).epsilon(1e-6).build());
        assertThat(type("vsgd").weightDecay()).isEqualTo(WeightDecayMode.DECOUPLED);
        assertThat(type("adamw").weightDecay()).isEqualTo(WeightDecayMode.DECOUPLED);
        assertThat(type("adam").weightDecay()).isEqualTo(WeightDecayMode.L2);
        assertThat(type("sgd").weightDecay()).isEqualTo(WeightDecayMode.L2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adam", "adamw"})
    void adamsImplIsTorchByDefaultDl4jOnRequestAndNothingElse(String name) {
        ObjectNode node = YAML.createObjectNode().put("name", name).put("lr", 0.01);
        assertThat(OptimizerConfig.from(new Section("optimizer", node)).updater(null)).isInstanceOf(TorchAdam.class);
        node.put("impl", "dl4j");
        assertThat(OptimizerConfig.from(new Section("optimizer", node)).updater(null)).isInstanceOf(Adam.class);
        node.put("impl", "pytorch");
        assertThatThrownBy(() -> OptimizerConfig.from(new Section("optimizer", node))).isInstanceOf(ConfigException.class)
                .hasMessage("optimizer.impl = pytorch is invalid: it must be one of [torch, dl4j].");
    }

    @Test
    void anUnknownOptimizerNameListsTheKnownOnes() {
        assertThatThrownBy(() -> OptimizerConfig.type("no_such_optimizer")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("optimizer.name = no_such_optimizer is invalid: it must be one of [vsgd, adam, adamw, sgd");
    }

    @Test
    void everyKeyIsDocumented() {
        types().flatMap(t -> t.schema().keys().stream()).map(Key::doc).forEach(doc -> assertThat(doc).isNotBlank());
    }

    @Test
    void aConfigFileWithAnUnknownKeyIsRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path configs = ProjectConfigsCopy.into(dir);
        Path adam = configs.resolve("optimizer").resolve("adam.yaml");
        Files.writeString(adam, Files.readString(adam) + "betas1: 0.8\n");
        assertThatThrownBy(() -> new ConfigLoader(configs).resolve(List.of("experiment=cifar100_vgg", "optimizer=adam")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(adam.toString())
                .hasMessageContaining("optimizer.betas1 is not a key of optimizer");
    }

    private static OptimizerType<?> type(String name) {
        return OptimizerConfig.type(name);
    }
}
