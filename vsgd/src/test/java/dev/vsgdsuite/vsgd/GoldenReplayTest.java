package dev.vsgdsuite.vsgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.junit.jupiter.api.Tag;

/**
 * Replays every trajectory of every golden file (the authors' PyTorch VSGD, float32) through the
 * code path DL4J users get: {@link Vsgd#instantiate} over a state view, {@code applyUpdater} on the
 * gradient, decoupled weight decay as DL4J's post-updater regularization, then θ −= update.
 * Compares parameters and state after every step; every kernel this backend can run is replayed
 * (VECTOR, SCALAR and ND4J_OPS on the CPU; ND4J_OPS on CUDA and under the CUDA-path emulation).
 */
@Tag("cuda-path")
class GoldenReplayTest {

    static final double OPEN_LOOP_PARAM_TOL = 1e-5;
    static final double CLOSED_LOOP_PARAM_TOL = 1e-4;
    static final double STATE_REL_TOL = 1e-3;
    static final double STATE_ABS_TOL = 1e-9;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (GoldenCase c : GoldenCase.all()) {
            for (VsgdUpdater.Kernel k : VsgdUpdater.Kernel.runnable().subList(1, VsgdUpdater.Kernel.runnable().size())) {
                out.add(Arguments.of(c, k));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void replaysTheAuthorsTrajectory(GoldenCase c, VsgdUpdater.Kernel kernel) {
        Vsgd config = c.config();
        int n = c.init.length;
        VsgdUpdater updater = (VsgdUpdater) config.instantiate(
                Nd4j.create(DataType.FLOAT, 1, config.stateSize(n)), true);
        updater.setKernel(kernel);
        INDArray theta = Nd4j.createFromArray(c.init.clone()).reshape(1, n);
        List<Regularization> decay = DecoupledWeightDecay.regularization(c.weightDecay());
        Worst worst = new Worst();

        switch (c.kind) {
            case "open_loop": {
                float[][] grads = c.rows("grads");
                float[][] params = c.rows("params");
                float[][] mug = c.rows("mug");
                float[][] bg = c.rows("bg");
                float[][] bhg = c.rows("bhg");
                for (int t = 0; t < grads.length; t++) {
                    step(updater, config, decay, theta, Nd4j.createFromArray(grads[t].clone()).reshape(1, n), t);
                    String at = c + " step " + (t + 1);
                    compare(at, "param", theta, params[t], OPEN_LOOP_PARAM_TOL, worst);
                    compareState(at, "mug", updater.getState().get(VsgdUpdater.MUG), mug[t], worst);
                    compareState(at, "bg", updater.getState().get(VsgdUpdater.BG), bg[t], worst);
                    compareState(at, "bhg", updater.getState().get(VsgdUpdater.BHG), bhg[t], worst);
                }
                assertThat(updater.stepCount()).isEqualTo(grads.length);
                break;
            }
            case "closed_loop": {
                float[] a = c.row("a");
                float[][] noise = c.rows("noise");
                float[][] params = c.rows("params");
                float[] loss = c.row("loss");
                for (int t = 0; t < noise.length; t++) {
                    float[] x = theta.toFloatVector();
                    float[] g = new float[n];
                    for (int i = 0; i < n; i++) {
                        g[i] = a[i] * x[i] + noise[t][i];
                    }
                    step(updater, config, decay, theta, Nd4j.createFromArray(g).reshape(1, n), t);
                    String at = c + " step " + (t + 1);
                    compare(at, "param", theta, params[t], CLOSED_LOOP_PARAM_TOL, worst);
                    float[] y = theta.toFloatVector();
                    float l = 0f;
                    for (int i = 0; i < n; i++) {
                        l += 0.5f * a[i] * y[i] * y[i];
                    }
                    double scale = Math.max(1, Math.abs(loss[t]));
                    check(at, "loss", 0, l, loss[t], scale, CLOSED_LOOP_PARAM_TOL * scale, worst);
                }
                assertThat(loss[loss.length - 1]).as("the golden loss itself must fall").isLessThan(loss[0]);
                break;
            }
            default:
                fail(c + ": unknown kind '" + c.kind + "' (expected open_loop or closed_loop)");
        }
        System.out.printf("golden %s [%s]: worst error (relative to max(1,|ref|) for param/loss, |ref| for state) %s%n", c, kernel, worst);
    }

    /** What DL4J's UpdaterBlock and StepFunction do for one block, in that order. */
    static void step(VsgdUpdater updater, Vsgd config, List<Regularization> decay, INDArray theta,
                     INDArray gradient, int iteration) {
        updater.applyUpdater(gradient, iteration, 0);
        for (Regularization r : decay) {
            r.apply(theta, gradient, config.getLearningRate(iteration, 0), iteration, 0);
        }
        theta.subi(gradient);
    }

    private static void compare(String at, String what, INDArray actual, float[] expected, double tol, Worst worst) {
        float[] got = actual.toFloatVector();
        assertThat(got).as(at + " " + what + " length").hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            check(at, what, i, got[i], expected[i], scale, tol * scale, worst);
        }
    }

    private static void compareState(String at, String what, INDArray actual, float[] expected, Worst worst) {
        float[] got = actual.toFloatVector();
        for (int i = 0; i < got.length; i++) {
            check(at, what, i, got[i], expected[i], Math.abs(expected[i]) + STATE_ABS_TOL / STATE_REL_TOL,
                    STATE_REL_TOL * Math.abs(expected[i]) + STATE_ABS_TOL, worst);
        }
    }

    /** Fails unless |got − expected| ≤ tol; records |diff| / scale, the error the tolerance bounds. */
    private static void check(String at, String what, int i, float got, float expected, double scale, double tol,
                              Worst worst) {
        double diff = Math.abs((double) got - expected);
        worst.see(what, diff / scale);
        if (!(diff <= tol)) {
            fail(String.format("%s: %s[%d] = %.9g, the authors' = %.9g (|diff| %.3g > tolerance %.3g)",
                    at, what, i, got, expected, diff, tol));
        }
    }

    /** The largest scaled error seen per quantity, printed for the record. */
    static final class Worst {
        private final java.util.Map<String, Double> worst = new java.util.TreeMap<>();

        void see(String what, double rel) {
            worst.merge(what, rel, Math::max);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            worst.forEach((k, v) -> sb.append(k).append(' ').append(String.format("%.2g", v)).append("  "));
            return sb.toString().trim();
        }
    }
}
