package dev.vsgdsuite.suite.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a baselines golden file: {@code -Dsuite.baselines.golden=FILE} adds its cases under their
 * own names, torch's settings map to the suite's configs with torch's defaults, and a missing or
 * malformed file, or a setting the suite does not implement, is an error naming the file.
 */
class BaselineGoldenFileTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anExtraFileAddsItsCasesUnderItsOwnNamesAndReplays(@TempDir Path dir) throws IOException {
        ObjectNode root = shipped();
        ObjectNode adam = firstCase(root, "adam_defaults");
        adam.put("name", "adam_from_another_file");
        ((ArrayNode) root.get("cases")).removeAll().add(adam);
        Path file = write(dir, "other-golden.json", root.toString());
        String before = System.getProperty(BaselineGoldenCase.EXTRA_PROPERTY);
        System.setProperty(BaselineGoldenCase.EXTRA_PROPERTY, file.toString());
        try {
            List<BaselineGoldenCase> all = BaselineGoldenCase.all();
            assertThat(all).hasSize(BaselineGoldenCase.shipped().size() + 1);
            BaselineGoldenCase extra = all.get(all.size() - 1);
            assertThat(extra).hasToString("other-golden.json: adam_from_another_file (adam, open_loop, 16 params)");
            assertThat(BaselineReplay.run(extra, extra.config(AdamConfig.TORCH)).failures).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(BaselineGoldenCase.EXTRA_PROPERTY);
            } else {
                System.setProperty(BaselineGoldenCase.EXTRA_PROPERTY, before);
            }
        }
    }

    @Test
    void aPathUnderTheProjectRootIsFoundFromAnyWorkingDirectory() {
        assertThat(BaselineGoldenCase.resolve(BaselineGoldenCase.SHIPPED)).exists();
        assertThatThrownBy(() -> BaselineGoldenCase.resolve("fixtures/no-such-golden.json"))
                .hasMessageContaining("-Dsuite.baselines.golden=fixtures/no-such-golden.json: no such file")
                .hasMessageContaining(ProjectPaths.root().resolve("fixtures/no-such-golden.json").toString());
    }

    @Test
    void aMissingOrMalformedFileIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("absent.json");
        assertThatThrownBy(() -> BaselineGoldenCase.read(missing)).hasMessageContaining(missing + " does not exist");
        Path broken = write(dir, "broken.json", "{\"cases\": [ {\"name\": ");
        assertThatThrownBy(() -> BaselineGoldenCase.read(broken)).hasMessageContaining(broken + " is not valid JSON");
        Path empty = write(dir, "empty.json", "{\"cases\": []}");
        assertThatThrownBy(() -> BaselineGoldenCase.read(empty))
                .hasMessageContaining(empty + " has no non-empty \"cases\" array");
    }

    @Test
    void aCaseWithAnUnknownOrUnimplementedSettingOrAMissingArrayIsAnErrorNamingTheCase(@TempDir Path dir)
            throws IOException {
        ObjectNode c = firstCase(shipped(), "adam_defaults");
        ((ObjectNode) c.get("hyper")).put("foreach", true);
        assertThatThrownBy(() -> readOne(dir, c)).hasMessageContaining("one.json: case 'adam_defaults' hyper-parameter "
                + "'foreach' is not one of torch.optim's that the suite maps for adam");

        ((ObjectNode) c.get("hyper")).remove("foreach");
        ((ObjectNode) c.get("hyper")).put("amsgrad", true);
        assertThatThrownBy(() -> readOne(dir, c).config(AdamConfig.TORCH))
                .hasMessageContaining("case 'adam_defaults' hyper.amsgrad = true is not implemented by the suite");

        ((ObjectNode) c.get("hyper")).remove("amsgrad");
        c.remove("params");
        assertThatThrownBy(() -> readOne(dir, c).rows("params"))
                .hasMessageContaining("case 'adam_defaults' lacks the array 'params' (open_loop)");

        c.put("optimizer", "rmsprop");
        assertThatThrownBy(() -> readOne(dir, c)).hasMessageContaining("optimizer 'rmsprop' is not a baseline");
    }

    @Test
    void torchsSettingsMapToTheSuitesConfigsWithTorchsDefaults(@TempDir Path dir) throws IOException {
        ObjectNode c = firstCase(shipped(), "adamw_decay");
        c.set("hyper", JSON.createObjectNode());
        AdamWConfig defaults = (AdamWConfig) readOne(dir, c).config(AdamConfig.TORCH);
        assertThat(defaults).isEqualTo(new AdamWConfig(1e-3, 1e-2, 0.9, 0.999, 1e-8, AdamConfig.TORCH));

        ObjectNode hyper = JSON.createObjectNode().put("lr", 0.02).put("eps", 1e-6);
        hyper.putArray("betas").add(0.8).add(0.99);
        c.set("hyper", hyper);
        assertThat(readOne(dir, c).config(AdamConfig.DL4J))
                .isEqualTo(new AdamWConfig(0.02, 1e-2, 0.8, 0.99, 1e-6, AdamConfig.DL4J));
    }

    private static BaselineGoldenCase readOne(Path dir, ObjectNode c) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("cases").add(c);
        return BaselineGoldenCase.read(write(dir, "one.json", root.toString())).get(0);
    }

    private static ObjectNode shipped() throws IOException {
        return (ObjectNode) JSON.readTree(ProjectPaths.root().resolve(BaselineGoldenCase.SHIPPED).toFile());
    }

    private static ObjectNode firstCase(ObjectNode root, String name) {
        for (var c : root.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return (ObjectNode) c.deepCopy();
            }
        }
        throw new AssertionError("the shipped file has no case " + name);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
