package dev.vsgdsuite.vsgd.golden;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.vsgdsuite.vsgd.BlockUpdater;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.Regularization.ApplyStep;

/**
 * Replays a {@link GoldenTrajectory} on the current nd4j backend through the path DL4J training
 * takes for one block: the updater instantiated on a zeroed float32 state view, then per step the
 * BEFORE_UPDATER regularization (L2), {@code applyUpdater}, the POST_UPDATER regularization
 * (decoupled decay, at the updater's learning rate), and θ ← θ − update. After every step the
 * parameters, the closed loop's loss and every state array of the file are compared with the
 * tolerances of docs/PROTOCOL.md §5.3. Every comparison is recorded, not asserted: a test can require
 * a replay to pass, or to fail in a stated way, and gpu-check can print it.
 */
public final class GoldenReplay {

    /** Parameters (and the loss), open loop: |diff| ≤ 1e-5·max(1, |ref|). */
    public static final double OPEN_LOOP_PARAM_TOL = 1e-5;
    /** Parameters and loss, closed loop: |diff| ≤ 1e-4·max(1, |ref|). */
    public static final double CLOSED_LOOP_PARAM_TOL = 1e-4;
    /** State: |diff| ≤ 1e-3·|ref| + an absolute floor ({@link #stateFloor}). */
    public static final double STATE_REL_TOL = 1e-3;

    /**
     * How a replay went.
     *
     * @param variant  what ran: the updater's class and, for a {@link BlockUpdater}, its kernel
     * @param failures the first value outside its tolerance per quantity, in the order they occurred
     * @param worst    the largest error per quantity, scaled as its tolerance is
     * @param state    the updater's state after the last step
     * @param steps    the updater's own step count after the last step (−1 when it keeps none)
     */
    public record Outcome(GoldenTrajectory trajectory, String variant, Map<String, String> failures,
                          Map<String, Double> worst, Map<String, INDArray> state, long steps) {

        public boolean passed() {
            return failures.isEmpty();
        }

        /** The first failure, or null when every step matched. */
        public String mismatch() {
            return failures.isEmpty() ? null : failures.values().iterator().next();
        }

        /** The worst errors as "param 4.2e-07 mug 3.1e-05". */
        public String worstLine() {
            StringBuilder sb = new StringBuilder();
            worst.forEach((k, v) -> sb.append(k).append(' ').append(String.format(Locale.ROOT, "%.2g", v)).append(' '));
            return sb.toString().trim();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(trajectory + " [" + variant + "] worst scaled errors: " + worstLine());
            failures.values().forEach(f -> sb.append("\n  ").append(f));
            return sb.toString();
        }
    }

    private GoldenReplay() {}

    /** The state's absolute floor: 1e-9 for VSGD's (authors' files), 1e-12 for torch.optim's (§5.3). */
    public static double stateFloor(GoldenTrajectory t) {
        return t.optimizer().equals("vsgd") ? 1e-9 : 1e-12;
    }

    /**
     * Replays {@code t}.
     *
     * @param updaterConfig the updater, as a network's layer would hold it
     * @param decay         the layer's regularization (weight decay), possibly empty
     * @param kernel        for a {@link BlockUpdater}, the kernel to force; null: its own choice
     * @param stateNames    the updater's name of a file's state array where they differ (DL4J's Adam: M, V)
     */
    public static Outcome replay(GoldenTrajectory t, IUpdater updaterConfig, List<Regularization> decay,
                                 BlockUpdater.Kernel kernel, Map<String, String> stateNames) {
        int n = t.init().length;
        GradientUpdater<?> updater = updaterConfig.instantiate(
                Nd4j.create(DataType.FLOAT, 1, Math.max(1, updaterConfig.stateSize(n))), true);
        if (kernel != null && updater instanceof BlockUpdater<?> b) {
            b.setKernel(kernel);
        }
        INDArray theta = Nd4j.createFromArray(t.init().clone()).reshape(1, n);
        Map<String, Double> worst = new TreeMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Checks checks = new Checks(worst, failures);
        double paramTol = t.openLoop() ? OPEN_LOOP_PARAM_TOL : CLOSED_LOOP_PARAM_TOL;
        for (int step = 0; step < t.steps(); step++) {
            float[] g = t.openLoop() ? t.inputs()[step].clone() : quadraticGradient(t.a(), theta.toFloatVector(), t.inputs()[step]);
            INDArray update = Nd4j.createFromArray(g).reshape(1, n);
            double lr = updaterConfig.getLearningRate(step, 0);
            regularize(decay, ApplyStep.BEFORE_UPDATER, theta, update, lr, step);
            updater.applyUpdater(update, step, 0);
            regularize(decay, ApplyStep.POST_UPDATER, theta, update, lr, step);
            theta.subi(update);

            String at = t.name() + " step " + (step + 1);
            float[] params = theta.toFloatVector();
            checks.floorOne(at, "param", params, t.params()[step], paramTol);
            if (!t.openLoop()) {
                checks.floorOne(at, "loss", new float[] {quadraticLoss(t.a(), params)}, new float[] {t.loss()[step]},
                        CLOSED_LOOP_PARAM_TOL);
            }
            Map<String, INDArray> state = updater.getState();
            for (Map.Entry<String, float[]> e : t.openLoop() ? t.state().get(step).entrySet() : Map.<String, float[]>of().entrySet()) {
                INDArray got = state == null ? null : state.get(stateNames.getOrDefault(e.getKey(), e.getKey()));
                if (got == null) {
                    failures.putIfAbsent(e.getKey(), at + ": the updater has no state '" + e.getKey() + "'"
                            + (state == null ? "" : "; it has " + state.keySet()));
                } else {
                    checks.relative(at, e.getKey(), got.toFloatVector(), e.getValue(), stateFloor(t));
                }
            }
            if (updater instanceof BlockUpdater<?> b && b.stepCount() != step + 1) {
                failures.putIfAbsent("step", at + ": the updater's step count is " + b.stepCount());
            }
        }
        String variant = updaterConfig.getClass().getSimpleName()
                + (updaterConfig.getClass().getName().startsWith("org.nd4j.") ? " (DL4J's)" : "")
                + (updater instanceof BlockUpdater<?> b ? ", kernel " + b.kernelInUse() : "");
        long steps = updater instanceof BlockUpdater<?> b ? b.stepCount() : -1;
        return new Outcome(t, variant, Collections.unmodifiableMap(failures), Collections.unmodifiableMap(worst),
                updater.getState(), steps);
    }

    private static void regularize(List<Regularization> decay, ApplyStep when, INDArray theta, INDArray update,
                                   double lr, int step) {
        for (Regularization r : decay) {
            if (r.applyStep() == when) {
                r.apply(theta, update, lr, step, 0);
            }
        }
    }

    /** ∇(½·Σ a·x² + Σ noise·x) = a·x + noise, in float32 as torch computes it. */
    static float[] quadraticGradient(float[] a, float[] x, float[] noise) {
        float[] g = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = a[i] * x[i] + noise[i];
        }
        return g;
    }

    static float quadraticLoss(float[] a, float[] x) {
        float l = 0f;
        for (int i = 0; i < x.length; i++) {
            l += 0.5f * a[i] * x[i] * x[i];
        }
        return l;
    }

    /** Records each scaled error and the first one per quantity beyond its tolerance. */
    private record Checks(Map<String, Double> worst, Map<String, String> failures) {

        /** |diff| ≤ tol·max(1, |ref|). */
        void floorOne(String at, String what, float[] got, float[] expected, double tol) {
            if (sameLength(at, what, got, expected)) {
                for (int i = 0; i < got.length; i++) {
                    check(at, what, i, got[i], expected[i], Math.max(1, Math.abs(expected[i])), tol);
                }
            }
        }

        /** |diff| ≤ tol·|ref| + floor. */
        void relative(String at, String what, float[] got, float[] expected, double floor) {
            if (sameLength(at, what, got, expected)) {
                for (int i = 0; i < got.length; i++) {
                    check(at, what, i, got[i], expected[i], Math.abs(expected[i]) + floor / STATE_REL_TOL, STATE_REL_TOL);
                }
            }
        }

        private boolean sameLength(String at, String what, float[] got, float[] expected) {
            if (got.length != expected.length) {
                failures.putIfAbsent(what, String.format(Locale.ROOT, "%s: %s has %d values, the reference %d", at, what,
                        got.length, expected.length));
                return false;
            }
            return true;
        }

        private void check(String at, String what, int i, float got, float expected, double scale, double tol) {
            double diff = Math.abs((double) got - expected);
            double scaled = diff / scale;
            worst.merge(what, Double.isNaN(scaled) ? Double.POSITIVE_INFINITY : scaled, Math::max);
            if (!(diff <= tol * scale)) {
                failures.putIfAbsent(what, String.format(Locale.ROOT,
                        "%s: %s[%d] = %.9g, reference %.9g (|diff| %.3g > tolerance %.3g)", at, what, i, got, expected,
                        diff, tol * scale));
            }
        }
    }
}
