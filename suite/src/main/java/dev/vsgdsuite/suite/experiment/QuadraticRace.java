package dev.vsgdsuite.suite.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import dev.vsgdsuite.suite.optim.AdamConfig;
import dev.vsgdsuite.suite.optim.SgdConfig;
import dev.vsgdsuite.vsgd.Vsgd;
import org.apache.commons.math3.stat.StatUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A small, fast race of VSGD, Adam and SGD-momentum on an ill-conditioned noisy quadratic
 * loss ½·Σ a_i·x_i² with gradient noise, through the DL4J updaters users get. Each optimizer starts
 * from the same point and sees the same noise; the result is the final loss, mean ± std over seeds.
 *
 * @param dim       number of parameters
 * @param steps     updater steps per run
 * @param seeds     runs per optimizer
 * @param noise     standard deviation of the gradient noise
 */
public record QuadraticRace(int dim, int steps, int seeds, double noise) {

    public QuadraticRace {
        if (dim < 1 || steps < 1 || seeds < 1 || !(noise >= 0)) {
            throw new IllegalArgumentException("QuadraticRace needs dim, steps, seeds >= 1 and noise >= 0, got "
                    + dim + ", " + steps + ", " + seeds + ", " + noise);
        }
    }

    /** One contender: a name and a fresh updater configuration per run. */
    public record Contender(String name, Supplier<IUpdater> updater) {}

    /** The final losses of one contender, one per seed. */
    public record Outcome(String name, String config, double[] finalLoss, double initialLoss) {
        public double mean() {
            return StatUtils.mean(finalLoss);
        }

        /** Sample standard deviation (0 for one seed). */
        public double std() {
            return finalLoss.length > 1 ? Math.sqrt(StatUtils.variance(finalLoss)) : 0;
        }
    }

    /**
     * The contenders of the demo: every optimizer at learning rate 0.1, SGD with momentum 0.9; the
     * baselines are the updaters the suite trains with (torch.optim's Adam and SGD-momentum).
     */
    public static List<Contender> defaultContenders() {
        return List.of(
                new Contender("VSGD", () -> new Vsgd(0.1)),
                new Contender("Adam", () -> new AdamConfig(0.1, 0, 0.9, 0.999, 1e-8).updater(null)),
                new Contender("SGD-momentum", () -> new SgdConfig(0.1, 0, 0.9, false).updater(null)));
    }

    public List<Outcome> run(List<Contender> contenders) {
        float[] a = curvatures();
        List<Outcome> out = new ArrayList<>();
        for (Contender c : contenders) {
            double[] finals = new double[seeds];
            String config = c.updater().get().toString();
            for (int s = 0; s < seeds; s++) {
                finals[s] = runOne(c.updater().get(), a, s);
            }
            out.add(new Outcome(c.name(), config, finals, loss(a, start())));
        }
        return out;
    }

    private double runOne(IUpdater config, float[] a, int seed) {
        GradientUpdater<?> updater = config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(dim)), true);
        INDArray x = Nd4j.createFromArray(start()).reshape(1, dim);
        SplittableRandom rng = new SplittableRandom(1000L + seed);
        float[] g = new float[dim];
        for (int t = 0; t < steps; t++) {
            float[] xv = x.toFloatVector();
            for (int i = 0; i < dim; i++) {
                g[i] = a[i] * xv[i] + (float) (noise * gaussian(rng));
            }
            INDArray grad = Nd4j.createFromArray(g).reshape(1, dim);
            updater.applyUpdater(grad, t, 0);
            x.subi(grad);
        }
        return loss(a, x.toFloatVector());
    }

    /** Curvatures log-spaced over three decades, 0.01 … 10: condition number 1000. */
    private float[] curvatures() {
        float[] a = new float[dim];
        for (int i = 0; i < dim; i++) {
            a[i] = (float) Math.pow(10, -2 + 3.0 * i / Math.max(1, dim - 1));
        }
        return a;
    }

    private float[] start() {
        float[] x = new float[dim];
        java.util.Arrays.fill(x, 1f);
        return x;
    }

    private static double loss(float[] a, float[] x) {
        double l = 0;
        for (int i = 0; i < a.length; i++) {
            l += 0.5 * a[i] * x[i] * x[i];
        }
        return l;
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
