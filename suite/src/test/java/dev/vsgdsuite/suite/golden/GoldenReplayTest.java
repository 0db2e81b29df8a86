package dev.vsgdsuite.suite.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsgdsuite.suite.optim.AdamStep;
import dev.vsgdsuite.suite.optim.AdamConfig;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.vsgd.VsgdUpdater;
import dev.vsgdsuite.vsgd.golden.GoldenReplay;
import dev.vsgdsuite.vsgd.golden.GoldenTrajectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden trajectory of the fixtures (the authors' VSGD, torch.optim's SGD-momentum, Adam and
 * AdamW; and {@code -Dsuite.baselines.golden=FILE} when given) replays through the path a training run
 * takes ({@link Replays}: config → layer as runs configure it → the library's {@link GoldenReplay}),
 * parameters and state checked after every step — the replay gpu-check runs on a device. VSGD is also
 * replayed with the nd4j-op kernel CUDA runs. DL4J's own Adam ({@code impl: dl4j}) does not replay
 * torch's: the reason the suite has {@code TorchAdam}, shown rather than asserted.
 */
@Tag("cuda-path")
class GoldenReplayTest {

    static Stream<GoldenTrajectory> trajectories() {
        return Replays.all().stream();
    }

    /** Open loop: each step on its own inputs, gradients down to a few 1e-6 where ε's placement shows. */
    static Stream<GoldenTrajectory> shippedOpenLoopAdamCases() {
        return Replays.shipped().stream().filter(t -> t.optimizer().startsWith("adam") && t.openLoop());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trajectories")
    void replaysOnThisBackendThroughTheRunsPath(GoldenTrajectory t) {
        GoldenReplay.Outcome o = Replays.replay(t);
        System.out.printf("golden %s [%s]: worst %s%n", t, o.variant(), o.worstLine());
        assertThat(o.failures()).as(o.toString()).isEmpty();
        assertThat(o.worst()).as("quantities compared").containsKey("param");
        if (t.openLoop()) {
            assertThat(o.worst().keySet()).as("state compared by the file's names").containsAll(t.state().get(0).keySet());
        } else {
            assertThat(o.worst()).containsKey("loss");
            assertThat(t.loss()[t.steps() - 1]).as("the golden loss itself must fall").isLessThan(t.loss()[0]);
        }
        if (t.optimizer().equals("vsgd")) {
            GoldenReplay.Outcome ops = Replays.replay(t, GoldenConfigs.config(t, AdamStep.TORCH), VsgdUpdater.Kernel.ND4J_OPS);
            assertThat(ops.variant()).endsWith("kernel ND4J_OPS");
            assertThat(ops.failures()).as(ops.toString()).isEmpty();
        }
    }

    /**
     * DL4J's Adam keeps the same moments (its M and V match torch's exp_avg and exp_avg_sq within
     * tolerance) but takes a different step, ε added before the bias correction of √v: its parameters
     * leave torch's beyond the tolerance. (On the closed-loop quadratic the gradients stay far above ε
     * and DL4J's Adam happens to stay within it; {@code TorchAdamTest} shows that with a negligible ε
     * the two steps agree, so ε's placement is the whole difference.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedOpenLoopAdamCases")
    void dl4jsAdamDoesNotReplayTorchsAdam(GoldenTrajectory t) {
        GoldenReplay.Outcome o = Replays.replay(t, GoldenConfigs.config(t, AdamStep.DL4J), null);
        System.out.printf("golden %s with DL4J's Adam: %s%n", t, o);
        assertThat(o.variant()).startsWith("Adam (DL4J's)");
        assertThat(o.failures()).as("DL4J's Adam must leave torch's parameters").containsKey("param");
        assertThat(o.failures()).as("yet its moments are torch's").doesNotContainKeys("exp_avg", "exp_avg_sq");
        assertThat(o.mismatch()).startsWith(t.name() + " step 1: param[");
    }

    @Test
    void theFixturesHoldVsgdAndEveryBaselineInBothKindsWhereTorchsDefinitionDiffersFromDl4js() {
        List<String> cases = Replays.shipped().stream().map(t -> t.optimizer() + " " + (t.openLoop() ? "open" : "closed"))
                .toList();
        assertThat(cases).contains("vsgd open", "vsgd closed", "sgd open", "sgd closed", "adam open", "adam closed",
                "adamw open");
        assertThat(Replays.shipped()).anySatisfy(t -> assertThat(GoldenConfigs.config(t, AdamStep.TORCH).weightDecay())
                .as("a case exercises weight decay").isPositive());
    }

    @Test
    void aTrajectoryOffByOneFloatInOneStepIsReportedAtThatStep(@TempDir Path tmp) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(ProjectPaths.fixtures().resolve("vsgd-golden-defaults.json").toFile());
        ObjectNode open = (ObjectNode) root.get("cases").get(0);
        ArrayNode step7 = (ArrayNode) open.get("params").get(6);
        step7.set(3, json.getNodeFactory().numberNode(step7.get(3).asDouble() + 1e-3));
        Path file = tmp.resolve("vsgd-golden-tampered.json");
        Files.writeString(file, json.writeValueAsString(root));

        GoldenTrajectory t = GoldenTrajectory.read(file).get(0);
        GoldenReplay.Outcome o = Replays.replay(t);

        assertThat(o.passed()).isFalse();
        assertThat(o.mismatch()).startsWith(t.name() + " step 7: param[3] = ");
    }
}
