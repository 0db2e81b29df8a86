package dev.vsgdsuite.suite.golden;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.vsgd.VsgdUpdater;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Replays a {@link GoldenTrajectory} on the current nd4j backend through the path a training run
 * takes: the optimizer config's {@code updater(…)} (whichever implementation the config selects),
 * its weight decay as {@code WeightDecayMode} puts it on a layer, and DL4J's order of one step —
 * pre-updater regularization, {@code applyUpdater}, post-updater regularization, θ −= update.
 * Compared after every step with the golden tolerances: parameters within 1e-5 (open loop) or 1e-4
 * (closed loop) of max(1, |ref|), the closed loop's loss alike, and every state buffer the updater
 * names as the file does within 1e-3 relative.
 */
public final class GoldenReplay {

    static final double OPEN_LOOP_PARAM_TOL = 1e-5;
    static final double CLOSED_LOOP_PARAM_TOL = 1e-4;
    static final double STATE_REL_TOL = 1e-3;
    static final double STATE_ABS_TOL = 1e-9;

    /**
     * How a replay went.
     *
     * @param variant  what was replayed beyond the case: the VSGD kernel, or the updater config's class
     * @param mismatch the first value outside its tolerance, or null when every step matched
     * @param worst    the largest error seen per quantity, relative to its tolerance's scale
     */
    public record Outcome(GoldenTrajectory trajectory, String variant, String mismatch, Map<String, Double> worst) {
        public boolean passed() {
            return mismatch == null;
        }

        /** The worst errors as "param 4.2e-07 mug 3.1e-05". */
        public String worstLine() {
            StringBuilder sb = new StringBuilder();
            worst.forEach((k, v) -> sb.append(k).append(' ').append(String.format(Locale.ROOT, "%.2g", v)).append(' '));
            return sb.toString().trim();
        }
    }

    private GoldenReplay() {}

    /** Replays with the updater's own choices (for VSGD: the kernel it picks on this backend). */
    public static Outcome replay(GoldenTrajectory t) {
        return replay(t, null);
    }

    /**
     * Replays {@code t}; for VSGD with {@code kernel} forced when not null.
     */
    public static Outcome replay(GoldenTrajectory t, VsgdUpdater.Kernel kernel) {
        OptimizerConfig config = t.config();
        IUpdater updaterConfig = config.updater(null);
        List<Regularization> decay = decayOf(config);
        int n = t.init().length;
        GradientUpdater<?> updater = updaterConfig.instantiate(
                Nd4j.create(DataType.FLOAT, 1, Math.max(1, updaterConfig.stateSize(n))), true);
        if (kernel != null && updater instanceof VsgdUpdater v) {
            v.setKernel(kernel);
        }
        INDArray theta = Nd4j.createFromArray(t.init().clone()).reshape(1, n);
        float[] a = t.openLoop() ? null : t.vector("a");
        float[] loss = t.openLoop() ? null : t.vector("loss");
        Map<String, Double> worst = new TreeMap<>();
        String mismatch = null;
        for (int step = 0; step < t.steps() && mismatch == null; step++) {
            float[] g = t.openLoop() ? t.row("grads", step) : quadraticGradient(a, theta.toFloatVector(), t.row("noise", step));
            INDArray update = Nd4j.createFromArray(g).reshape(1, n);
            double lr = updaterConfig.getLearningRate(step, 0);
            applyDecay(decay, Regularization.ApplyStep.BEFORE_UPDATER, theta, update, lr, step);
            updater.applyUpdater(update, step, 0);
            applyDecay(decay, Regularization.ApplyStep.POST_UPDATER, theta, update, lr, step);
            theta.subi(update);
            String at = t.name() + " step " + (step + 1);
            double tol = t.openLoop() ? OPEN_LOOP_PARAM_TOL : CLOSED_LOOP_PARAM_TOL;
            float[] params = theta.toFloatVector();
            mismatch = compare(at, "param", params, t.row("params", step), tol, true, worst);
            if (mismatch == null && !t.openLoop()) {
                float[] l = {quadraticLoss(a, params)};
                mismatch = compare(at, "loss", l, new float[] {loss[step]}, tol, true, worst);
            }
            Map<String, INDArray> state = updater.getState();
            for (String key : t.stateKeys(step)) {
                if (mismatch == null && state != null && state.containsKey(key)) {
                    mismatch = compare(at, key, state.get(key).toFloatVector(), t.state(key, step), STATE_REL_TOL,
                            false, worst);
                }
            }
        }
        String variant = updater instanceof VsgdUpdater v ? "kernel " + v.kernelInUse()
                : updaterConfig.getClass().getSimpleName()
                        + (updaterConfig.getClass().getName().startsWith("org.nd4j.") ? " (DL4J's)" : "");
        return new Outcome(t, variant, mismatch, worst);
    }

    /**
     * The weight decay a run puts on a layer for {@code config}: its {@code WeightDecayMode} applied
     * to a one-layer network, read back from the layer.
     */
    static List<Regularization> decayOf(OptimizerConfig config) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder().nIn(1).nOut(1).activation(Activation.IDENTITY)
                        .lossFunction(LossFunctions.LossFunction.MSE).build(), "in")
                .setOutputs("out").build();
        config.type().weightDecay().apply(conf, config.weightDecay());
        BaseLayer layer = (BaseLayer) ((LayerVertex) conf.getVertices().get("out")).getLayerConf().getLayer();
        return layer.getRegularization() == null ? List.of() : List.copyOf(layer.getRegularization());
    }

    private static void applyDecay(List<Regularization> decay, Regularization.ApplyStep when, INDArray theta,
                                   INDArray update, double lr, int step) {
        for (Regularization r : decay) {
            if (r.applyStep() == when) {
                r.apply(theta, update, lr, step, 0);
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

    private static float quadraticLoss(float[] a, float[] x) {
        float l = 0f;
        for (int i = 0; i < x.length; i++) {
            l += 0.5f * a[i] * x[i] * x[i];
        }
        return l;
    }

    /**
     * The first element outside its tolerance, or null. Parameters and loss: |diff| ≤ tol·max(1, |ref|);
     * state: |diff| ≤ tol·|ref| + 1e-9. Records the scaled error in {@code worst}.
     */
    private static String compare(String at, String what, float[] got, float[] expected, double tol, boolean floorOne,
                                  Map<String, Double> worst) {
        if (got.length != expected.length) {
            return String.format(Locale.ROOT, "%s: %s has %d values, the reference %d", at, what, got.length,
                    expected.length);
        }
        for (int i = 0; i < got.length; i++) {
            double scale = floorOne ? Math.max(1, Math.abs(expected[i])) : Math.abs(expected[i]) + STATE_ABS_TOL / tol;
            double diff = Math.abs((double) got[i] - expected[i]);
            worst.merge(what, diff / scale, Math::max);
            if (!(diff <= tol * scale)) {
                return String.format(Locale.ROOT, "%s: %s[%d] = %.9g, reference %.9g (|diff| %.3g > tolerance %.3g)",
                        at, what, i, got[i], expected[i], diff, tol * scale);
            }
        }
        return null;
    }
}
