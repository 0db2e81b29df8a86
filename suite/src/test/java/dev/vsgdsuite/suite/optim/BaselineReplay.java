package dev.vsgdsuite.suite.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.Regularization.ApplyStep;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * One golden case replayed through the path a training run takes: the optimizer config put on a
 * layer by {@link Optimizers#configure} (its updater and its weight decay, as runs get them), the
 * updater instantiated on a zeroed float32 state view, and per step what DL4J's {@code UpdaterBlock}
 * does: the layer's BEFORE_UPDATER regularization (L2), {@code applyUpdater}, the POST_UPDATER
 * regularization (decoupled decay, with the updater's learning rate), then θ ← θ − update.
 *
 * <p>Every comparison is recorded, not asserted, so that a test can require a replay to pass and
 * another can require one to fail in a stated way. Tolerances are VSGD's golden ones
 * (docs/PROTOCOL.md §5.3): parameters 1e-5 open loop and 1e-4 closed loop relative to max(1, |ref|),
 * the loss as the closed-loop parameters, state 1e-3 relative.
 */
final class BaselineReplay {

    static final double OPEN_LOOP_PARAM_TOL = 1e-5;
    static final double CLOSED_LOOP_PARAM_TOL = 1e-4;
    static final double STATE_REL_TOL = 1e-3;
    /** Lets an exact zero in the reference state pass against float rounding. */
    static final double STATE_ABS_TOL = 1e-12;
    static final SchedulerConfig CONSTANT = new SchedulerConfig.Constant();

    /** Largest error per quantity, scaled as its tolerance is (so ≤ tolerance means it passed). */
    final Map<String, Double> worst = new TreeMap<>();
    /** The first violation per quantity, in step order. */
    final Map<String, String> failures = new LinkedHashMap<>();
    /** The updater config and its state after the last step. */
    IUpdater updaterConfig;
    Map<String, INDArray> finalState;
    float[] finalParams;

    private BaselineReplay() {}

    /** Replays {@code c} with {@code config}, checking after every step. */
    static BaselineReplay run(BaselineGoldenCase c, OptimizerConfig config) {
        BaselineReplay r = new BaselineReplay();
        BaseLayer layer = layerAsRunsConfigureIt(config);
        IUpdater updaterConfig = layer.getIUpdater();
        List<Regularization> decay = layer.getRegularization();
        int n = c.init.length;
        GradientUpdater<?> u = updaterConfig.instantiate(Nd4j.create(DataType.FLOAT, 1, updaterConfig.stateSize(n)), true);
        INDArray theta = Nd4j.createFromArray(c.init.clone()).reshape(1, n);
        float[][] params = c.rows("params");
        float[][] grads = c.openLoop() ? c.rows("grads") : null;
        float[] a = c.openLoop() ? null : c.row("a");
        float[][] noise = c.openLoop() ? null : c.rows("noise");
        float[] loss = c.openLoop() ? null : c.row("loss");
        double paramTol = c.openLoop() ? OPEN_LOOP_PARAM_TOL : CLOSED_LOOP_PARAM_TOL;
        for (int t = 0; t < params.length; t++) {
            float[] g = c.openLoop() ? grads[t].clone() : quadraticGradient(a, theta.toFloatVector(), noise[t]);
            INDArray gradient = Nd4j.createFromArray(g).reshape(1, n);
            double lr = updaterConfig.getLearningRate(t, 0);
            regularize(decay, ApplyStep.BEFORE_UPDATER, theta, gradient, lr, t);
            u.applyUpdater(gradient, t, 0);
            regularize(decay, ApplyStep.POST_UPDATER, theta, gradient, lr, t);
            theta.subi(gradient);

            String at = c.name + " step " + (t + 1);
            float[] x = theta.toFloatVector();
            for (int i = 0; i < n; i++) {
                r.check(at, "param", i, x[i], params[t][i], Math.max(1, Math.abs(params[t][i])), paramTol);
            }
            if (c.openLoop()) {
                Map<String, INDArray> state = u.getState();
                for (Map.Entry<String, float[]> e : c.state(t).entrySet()) {
                    r.checkState(at, e.getKey(), stateOf(updaterConfig, state, e.getKey()), e.getValue());
                }
            } else {
                float l = 0f;
                for (int i = 0; i < n; i++) {
                    l += 0.5f * a[i] * x[i] * x[i];
                }
                r.check(at, "loss", 0, l, loss[t], Math.max(1, Math.abs(loss[t])), CLOSED_LOOP_PARAM_TOL);
            }
            INDArray step = u.getState().get(TorchAdamUpdater.STEP);
            if (step != null && step.getDouble(0) != t + 1) {
                r.failures.putIfAbsent("step", at + ": the updater's step count is " + step.getDouble(0));
            }
        }
        r.updaterConfig = updaterConfig;
        r.finalState = u.getState();
        r.finalParams = theta.toFloatVector();
        return r;
    }

    boolean passed() {
        return failures.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("worst scaled errors:");
        worst.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(String.format("%.2g", v)));
        failures.values().forEach(f -> sb.append("\n  ").append(f));
        return sb.toString();
    }

    /** A one-layer network configured as runs configure theirs; its only layer. */
    static BaseLayer layerAsRunsConfigureIt(OptimizerConfig config) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").addLayer("layer", new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nIn(1).nOut(1).build(), "in")
                .setOutputs("layer").build();
        Optimizers.configure(conf, config, CONSTANT);
        return (BaseLayer) ((LayerVertex) conf.getVertices().get("layer")).getLayerConf().getLayer();
    }

    /** The updater's state called {@code torchName} in the file: torch's names, or DL4J's Adam's M and V. */
    private static INDArray stateOf(IUpdater config, Map<String, INDArray> state, String torchName) {
        String key = torchName;
        if (config instanceof Adam) {
            key = Map.of("exp_avg", "M", "exp_avg_sq", "V").getOrDefault(torchName, torchName);
        }
        INDArray v = state.get(key);
        if (v == null) {
            throw new IllegalStateException(config + " has no state '" + key + "' (the file's " + torchName
                    + "); it has " + state.keySet());
        }
        return v;
    }

    private static void regularize(List<Regularization> decay, ApplyStep when, INDArray theta, INDArray gradient,
                                   double lr, int iteration) {
        for (Regularization reg : decay == null ? List.<Regularization>of() : decay) {
            if (reg.applyStep() == when) {
                reg.apply(theta, gradient, lr, iteration, 0);
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

    private void checkState(String at, String what, INDArray actual, float[] expected) {
        float[] got = actual.toFloatVector();
        if (got.length != expected.length) {
            failures.putIfAbsent(what, at + ": " + what + " has " + got.length + " values, torch's " + expected.length);
            return;
        }
        for (int i = 0; i < got.length; i++) {
            double scale = Math.abs(expected[i]) + STATE_ABS_TOL / STATE_REL_TOL;
            check(at, what, i, got[i], expected[i], scale, STATE_REL_TOL);
        }
    }

    /** Records |got − ref| / scale and the first time it exceeds {@code tol}. */
    private void check(String at, String what, int i, float got, float expected, double scale, double tol) {
        double rel = Math.abs((double) got - expected) / scale;
        worst.merge(what, Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel, Math::max);
        if (!(rel <= tol)) {
            failures.putIfAbsent(what, String.format("%s: %s[%d] = %.9g, torch's = %.9g (scaled error %.3g > %.1g)",
                    at, what, i, got, expected, rel, tol));
        }
    }
}
