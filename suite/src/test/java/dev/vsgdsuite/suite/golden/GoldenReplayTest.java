package dev.vsgdsuite.suite.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.vsgd.VsgdUpdater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * gpu-check's replay on the CPU backend: every fixture trajectory through its optimizer config's
 * updater, VSGD with the kernel it picks and with the nd4j-op kernel CUDA runs; and a replay that
 * is off by one float in one step is reported at that step, not passed.
 */
@Tag("cuda-path")
class GoldenReplayTest {

    static Stream<GoldenTrajectory> trajectories() throws IOException {
        return GoldenTrajectory.fixtures(ProjectPaths.fixtures()).stream();
    }

    @Test
    void theFixturesHoldVsgdAndEveryBaseline() throws IOException {
        assertThat(trajectories().map(GoldenTrajectory::optimizer).distinct())
                .containsExactlyInAnyOrder("vsgd", "sgd", "adam", "adamw");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trajectories")
    void replaysOnThisBackend(GoldenTrajectory t) {
        GoldenReplay.Outcome o = GoldenReplay.replay(t);

        if (o.variant().equals("Adam (DL4J's)") && t.openLoop()) {
            // DL4J's own Adam adds ε after the bias correction, torch before it: 2e-5 off torch.optim at
            // step 1 where the open-loop tolerance is 1e-5 (issue 12). The replay must report that, and
            // gpu-check fails on it; the closed loop's 1e-4 tolerance hides it.
            assertThat(o.mismatch()).as(t + " [DL4J's AdamUpdater]").startsWith(t.name() + " step 1: param[");
            return;
        }
        assertThat(o.mismatch()).as(t + " [" + o.variant() + "]").isNull();
        assertThat(o.worst()).containsKey("param");
        if (t.optimizer().equals("vsgd")) {
            GoldenReplay.Outcome ops = GoldenReplay.replay(t, VsgdUpdater.Kernel.ND4J_OPS);
            assertThat(ops.variant()).isEqualTo("kernel ND4J_OPS");
            assertThat(ops.mismatch()).as(t + " [nd4j ops]").isNull();
            if (t.openLoop()) {
                assertThat(o.worst()).containsKeys("mug", "bg", "bhg");   // VSGD's state is compared by the file's names
            }
        }
    }

    @Test
    void aTrajectoryOffByOneStepIsReportedAtThatStep(@TempDir Path tmp) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(ProjectPaths.fixtures().resolve("vsgd-golden-defaults.json").toFile());
        ObjectNode open = (ObjectNode) root.get("cases").get(0);
        ArrayNode step7 = (ArrayNode) open.get("params").get(6);
        step7.set(3, json.getNodeFactory().numberNode(step7.get(3).asDouble() + 1e-3));
        Path file = tmp.resolve("vsgd-golden-tampered.json");
        Files.writeString(file, json.writeValueAsString(root));

        GoldenTrajectory t = GoldenTrajectory.read(file).get(0);
        GoldenReplay.Outcome o = GoldenReplay.replay(t);

        assertThat(o.passed()).isFalse();
        assertThat(o.mismatch()).startsWith(t.name() + " step 7: param[3] = ");
    }

    @Test
    void aBaselineIsReadAsItsConfigWouldBe() throws IOException {
        GoldenTrajectory adamw = trajectories().filter(t -> t.optimizer().equals("adamw")).findFirst().orElseThrow();
        JsonNode hyper = adamw.hyper();

        assertThat(adamw.config().name()).isEqualTo("adamw");
        assertThat(adamw.config().weightDecay()).isEqualTo(hyper.get("weight_decay").asDouble());
        assertThat(GoldenReplay.decayOf(adamw.config())).isNotEmpty();
        assertThat(List.of(adamw.config().lr())).containsExactly(hyper.get("lr").asDouble());
    }
}
