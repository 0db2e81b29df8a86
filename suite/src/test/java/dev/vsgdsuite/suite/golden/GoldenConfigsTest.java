package dev.vsgdsuite.suite.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsgdsuite.suite.optim.AdamStep;
import dev.vsgdsuite.suite.optim.AdamConfig;
import dev.vsgdsuite.suite.optim.AdamWConfig;
import dev.vsgdsuite.suite.optim.VsgdConfig;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import dev.vsgdsuite.vsgd.golden.GoldenTrajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A golden file's settings become the suite's configs: torch's keyword arguments with torch's
 * defaults, VSGD's under the authors' keywords; a setting the suite does not implement or know is an
 * error naming the file and case; {@code -Dsuite.baselines.golden=FILE} adds a file.
 */
class GoldenConfigsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHIPPED = "fixtures/" + GoldenTrajectory.BASELINES_FILE;

    @Test
    void anExtraFileAddsItsCasesUnderItsOwnNamesAndReplays(@TempDir Path dir) throws IOException {
        ObjectNode root = shipped();
        ObjectNode adam = firstCase(root, "adam_defaults");
        adam.put("name", "adam_from_another_file");
        ((ArrayNode) root.get("cases")).removeAll().add(adam);
        Path file = write(dir, "other-golden.json", root.toString());
        System.setProperty(SuiteSwitches.BASELINES_GOLDEN.name(), file.toString());
        try {
            List<GoldenTrajectory> all = Replays.all();
            assertThat(all).hasSize(Replays.shipped().size() + 1);
            GoldenTrajectory extra = all.get(all.size() - 1);
            assertThat(extra).hasToString("other-golden.json: adam_from_another_file (adam, open loop, 16 parameters, 40 steps)");
            assertThat(Replays.replay(extra).failures()).isEmpty();
        } finally {
            System.clearProperty(SuiteSwitches.BASELINES_GOLDEN.name());
        }
    }

    @Test
    void aPathUnderTheProjectRootIsFoundFromAnyWorkingDirectory() {
        assertThat(Replays.resolve(SHIPPED)).exists();
        assertThatThrownBy(() -> Replays.resolve("fixtures/no-such-golden.json"))
                .hasMessageContaining("-Dsuite.baselines.golden=fixtures/no-such-golden.json: no such file")
                .hasMessageContaining(ProjectPaths.root().resolve("fixtures/no-such-golden.json").toString());
    }

    @Test
    void aCaseWithAnUnknownOrUnimplementedSettingIsAnErrorNamingTheCase(@TempDir Path dir) throws IOException {
        ObjectNode c = firstCase(shipped(), "adam_defaults");
        ((ObjectNode) c.get("hyper")).put("foreach", true);
        assertThatThrownBy(() -> GoldenConfigs.config(readOne(dir, c), AdamStep.TORCH))
                .hasMessageContaining("one.json: case 'adam_defaults' hyper-parameter 'foreach' is not one of "
                        + "torch.optim's that the suite maps for adam");

        ((ObjectNode) c.get("hyper")).remove("foreach");
        ((ObjectNode) c.get("hyper")).put("amsgrad", true);
        assertThatThrownBy(() -> GoldenConfigs.config(readOne(dir, c), AdamStep.TORCH))
                .hasMessageContaining("case 'adam_defaults' hyper.amsgrad = true is not implemented by the suite");

        ((ObjectNode) c.get("hyper")).remove("amsgrad");
        c.put("optimizer", "rmsprop");
        assertThatThrownBy(() -> GoldenConfigs.config(readOne(dir, c), AdamStep.TORCH))
                .hasMessageContaining("optimizer 'rmsprop' is not one the suite implements");
    }

    @Test
    void torchsSettingsMapToTheSuitesConfigsWithTorchsDefaults(@TempDir Path dir) throws IOException {
        ObjectNode c = firstCase(shipped(), "adamw_decay");
        c.set("hyper", JSON.createObjectNode());
        assertThat(GoldenConfigs.config(readOne(dir, c), AdamStep.TORCH))
                .isEqualTo(new AdamWConfig(1e-3, 1e-2, 0.9, 0.999, 1e-8, AdamStep.TORCH));

        ObjectNode hyper = JSON.createObjectNode().put("lr", 0.02).put("eps", 1e-6);
        hyper.putArray("betas").add(0.8).add(0.99);
        c.set("hyper", hyper);
        assertThat(GoldenConfigs.config(readOne(dir, c), AdamStep.DL4J))
                .isEqualTo(new AdamWConfig(0.02, 1e-2, 0.8, 0.99, 1e-6, AdamStep.DL4J));
    }

    @Test
    void vsgdsSettingsAreTheAuthorsKeywords() {
        GoldenTrajectory open = Replays.shipped().stream().filter(t -> t.optimizer().equals("vsgd")).findFirst().orElseThrow();
        VsgdConfig config = (VsgdConfig) GoldenConfigs.config(open, AdamStep.TORCH);
        assertThat(config.lr()).isEqualTo(open.number("lr", Double.NaN));
        assertThat(config.weightDecay()).isZero();
    }

    private static GoldenTrajectory readOne(Path dir, ObjectNode c) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("cases").add(c);
        return GoldenTrajectory.read(write(dir, "one.json", root.toString())).get(0);
    }

    private static ObjectNode shipped() throws IOException {
        return (ObjectNode) JSON.readTree(ProjectPaths.root().resolve(SHIPPED).toFile());
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
