package dev.vsgdsuite.suite.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The suite's SGD-momentum replays torch.optim.SGD's own float32 trajectories
 * ({@code fixtures/baselines-golden.json}, its {@code sgd} cases) the way VSGD replays the authors':
 * the config as runs build it → instantiate → applyUpdater → θ −= update, compared after every step
 * within VSGD's golden tolerances (parameters 1e-5 open loop, 1e-4 closed loop, relative to
 * max(1, |ref|); the momentum buffer 1e-3 relative).
 */
class SgdMomentumGoldenTest {

    static final double OPEN_LOOP_PARAM_TOL = 1e-5;
    static final double CLOSED_LOOP_PARAM_TOL = 1e-4;
    static final double STATE_REL_TOL = 1e-3;
    static final SchedulerConfig CONSTANT = new SchedulerConfig("none", 0, 1, 0, 0, 1, 0, 0, 0, 0);

    static Stream<Arguments> sgdCases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(ProjectPaths.root().resolve("fixtures/baselines-golden.json").toFile());
        List<JsonNode> cases = new ArrayList<>();
        root.get("cases").forEach(c -> {
            if (c.get("optimizer").asText().equals("sgd")) {
                cases.add(c);
            }
        });
        assertThat(cases).as("sgd cases in the fixture").hasSize(2);
        return cases.stream().map(c -> Arguments.of(c.get("name").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sgdCases")
    void replaysTorchTrajectory(String name, JsonNode c) {
        JsonNode hyper = c.get("hyper");
        SgdConfig config = new SgdConfig(hyper.get("lr").asDouble(), hyper.path("weight_decay").asDouble(0),
                hyper.get("momentum").asDouble(), hyper.path("nesterov").asBoolean(false));
        IUpdater updater = Optimizers.updater(config, CONSTANT);
        float[] init = floats(c.get("init"));
        int n = init.length;
        GradientUpdater<?> u = updater.instantiate(Nd4j.create(DataType.FLOAT, 1, updater.stateSize(n)), true);
        INDArray theta = Nd4j.createFromArray(init).reshape(1, n);
        boolean open = c.get("kind").asText().equals("open_loop");
        float[] a = open ? null : floats(c.get("a"));
        int steps = c.get("params").size();
        for (int t = 0; t < steps; t++) {
            float[] g = open ? floats(c.get("grads").get(t)) : quadraticGradient(a, theta.toFloatVector(), floats(c.get("noise").get(t)));
            INDArray update = Nd4j.createFromArray(g).reshape(1, n);
            u.applyUpdater(update, t, 0);
            theta.subi(update);
            String at = c.get("name").asText() + " step " + (t + 1);
            compare(at, "param", theta.toFloatVector(), floats(c.get("params").get(t)),
                    open ? OPEN_LOOP_PARAM_TOL : CLOSED_LOOP_PARAM_TOL, true);
            if (open) {
                compare(at, "momentum_buffer", u.getState().get("buf").toFloatVector(),
                        floats(c.get("state").get(t).get("momentum_buffer")), STATE_REL_TOL, false);
            }
        }
    }

    /** ∇(½·Σ a·x² + Σ noise·x) = a·x + noise, in float32 as torch computes it. */
    private static float[] quadraticGradient(float[] a, float[] x, float[] noise) {
        float[] g = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = a[i] * x[i] + noise[i];
        }
        return g;
    }

    /** Parameters: |diff| ≤ tol·max(1, |ref|); state: |diff| ≤ tol·|ref| + 1e-12. */
    private static void compare(String at, String what, float[] got, float[] expected, double tol, boolean absFloorOne) {
        assertThat(got).as(at + " " + what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < got.length; i++) {
            double scale = absFloorOne ? Math.max(1, Math.abs(expected[i])) : Math.abs(expected[i]);
            double diff = Math.abs((double) got[i] - expected[i]);
            if (!(diff <= tol * scale + (absFloorOne ? 0 : 1e-12))) {
                fail(String.format("%s: %s[%d] = %.9g, torch's = %.9g (|diff| %.3g)", at, what, i, got[i], expected[i], diff));
            }
        }
    }

    private static float[] floats(JsonNode list) {
        float[] v = new float[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) list.get(i).asDouble();
        }
        return v;
    }
}
