package dev.vsgdsuite.suite.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One paper network on this backend from one seed: the initial network's output for the first image,
 * then every optimizer's first training iterations at learning rate {@link #LEARNING_RATE}, each from
 * the same initial weights on the same batch, compared with the CPU's emulated CUDA path ({@link CheckReference}). Weights are drawn in
 * Java from the seed and the images too (not from nd4j's generator, which differs by backend), so
 * both sides start from the same bits.
 *
 * <h2>Tolerances (docs/GPU.md)</h2>
 * The CPU's default and emulated paths agree to 1e-7 relative on the first three losses
 * ({@code CudaPathParityTest}); a GPU's float32 kernels sum in other orders and may pick other
 * convolution algorithms, which moves the last few bits. {@link #LOSS_TOLERANCE} leaves three to
 * four orders of magnitude for that, while a wrong gradient changes the second and third losses
 * by more. The loss of a freshly initialised classifier is near ln(classes) whatever its
 * convolutions compute, so the forward pass is checked on its outputs too ({@link #OUTPUT_TOLERANCE},
 * absolute, against probabilities of order 1/classes).
 *
 * @param losses by optimizer, the loss of iterations 1..n
 * @param error  why the network did not train, or null
 */
public record NetworkCheck(String experiment, String model, long seed, float[] outputs, Map<String, double[]> losses,
                           String error) {

    /** Every optimizer of the suite, in the order the table prints them. */
    public static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw", "vsgd");
    /** Images per iteration: small enough for the CPU, large enough for batch norm. */
    public static final int BATCH = 8;
    /** Training iterations per optimizer. */
    public static final int ITERATIONS = 3;
    /**
     * Every optimizer's learning rate here: a step that moves the loss by more than the tolerance, and
     * small enough that three iterations stay where rounding differences are not amplified. At the
     * experiments' 0.1, Adam's normalised step turns the rounding noise of near-zero gradients into
     * full-size steps, and its third loss on the CPU's two paths already parts by 2e-3.
     */
    public static final double LEARNING_RATE = 1e-3;
    public static final double LOSS_TOLERANCE = 1e-3;
    public static final double OUTPUT_TOLERANCE = 1e-4;

    /** Builds, evaluates and trains {@code experiment}'s network with each optimizer on this backend. */
    public static NetworkCheck run(String experiment) {
        RunConfig base = Experiment.resolve(List.of("experiment=" + experiment));
        ModelSpec spec = Experiment.network(base);
        long seed = base.train().seed();
        DataSet batch = seededBatch(spec, BATCH, seed);
        float[] outputs = null;
        Map<String, double[]> losses = new LinkedHashMap<>();
        for (String optimizer : OPTIMIZERS) {
            RunConfig c = Experiment.resolve(List.of("experiment=" + experiment, "optimizer=" + optimizer,
                    "optimizer.lr=" + LEARNING_RATE));
            ComputationGraph graph = null;
            try {
                graph = Networks.build(spec, seed, conf -> Optimizers.configure(conf, c.optimizer(), c.scheduler()));
                if (outputs == null) {
                    outputs = graph.outputSingle(false, batch.getFeatures()).getRow(0).toFloatVector();
                }
                double[] l = new double[ITERATIONS];
                for (int i = 0; i < ITERATIONS; i++) {
                    graph.fit(batch);
                    l[i] = graph.score();
                }
                losses.put(optimizer, l);
            } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
                return new NetworkCheck(experiment, spec.name(), seed, outputs, losses,
                        optimizer + ": " + DeviceReport.rootMessage(e));
            } finally {
                if (graph != null) {
                    graph.close();
                }
            }
        }
        return new NetworkCheck(experiment, spec.name(), seed, outputs, losses, null);
    }

    /** Uniform [0, 1) images and cyclic labels from {@code seed}, drawn in Java. */
    static DataSet seededBatch(ModelSpec spec, int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[size * spec.channels() * spec.height() * spec.width()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        INDArray labels = Nd4j.zeros(DataType.FLOAT, size, spec.classes());
        for (int i = 0; i < size; i++) {
            labels.putScalar(i, i % spec.classes(), 1f);
        }
        return new DataSet(Nd4j.createFromArray(x).reshape(size, spec.channels(), spec.height(), spec.width()), labels);
    }

    /** What differs from {@code ref} beyond the tolerances, one line each; empty when all agree. */
    public List<String> compare(CheckReference.Network ref) {
        List<String> out = new ArrayList<>();
        if (error != null) {
            out.add(experiment + ": did not train (" + error + ")");
            return out;
        }
        if (ref == null) {
            out.add(experiment + ": no reference (write it with gpu-check --write-reference)");
            return out;
        }
        if (!ref.model().equals(model) || ref.seed() != seed) {
            out.add(experiment + ": the reference is of " + ref.model() + " seed " + ref.seed() + ", this network is "
                    + model + " seed " + seed + " (write the reference again)");
            return out;
        }
        double worstOutput = 0;
        for (int i = 0; i < outputs.length; i++) {
            worstOutput = Math.max(worstOutput, Math.abs(outputs[i] - ref.outputs().get(i)));
        }
        if (!(worstOutput <= OUTPUT_TOLERANCE)) {
            out.add(String.format(Locale.ROOT, "%s: initial outputs off by %.3g (tolerance %.0e)", experiment,
                    worstOutput, OUTPUT_TOLERANCE));
        }
        for (String optimizer : OPTIMIZERS) {
            double[] got = losses.get(optimizer);
            List<Double> want = ref.losses().get(optimizer);
            for (int i = 0; i < got.length; i++) {
                double rel = relative(got[i], want.get(i));
                if (!(rel <= LOSS_TOLERANCE)) {
                    out.add(String.format(Locale.ROOT, "%s %s: loss at iteration %d is %.6g, the CPU's %.6g "
                            + "(relative %.3g, tolerance %.0e)", experiment, optimizer, i + 1, got[i], want.get(i), rel,
                            LOSS_TOLERANCE));
                }
            }
        }
        return out;
    }

    /** The worst relative loss difference to {@code ref} over every optimizer and iteration. */
    public double worstLossDifference(CheckReference.Network ref) {
        double worst = 0;
        for (String optimizer : OPTIMIZERS) {
            double[] got = losses.get(optimizer);
            List<Double> want = ref.losses().get(optimizer);
            for (int i = 0; i < got.length; i++) {
                worst = Math.max(worst, relative(got[i], want.get(i)));
            }
        }
        return worst;
    }

    /** |loss − reference| / max(1, |reference|): relative for large losses, absolute below 1. */
    private static double relative(double loss, double reference) {
        return Math.abs(loss - reference) / Math.max(1, Math.abs(reference));
    }

    CheckReference.Network asReference() {
        if (error != null) {
            throw new IllegalStateException(experiment + " did not train: " + error);
        }
        List<Float> o = new ArrayList<>();
        for (float f : outputs) {
            o.add(f);
        }
        Map<String, List<Double>> l = new LinkedHashMap<>();
        losses.forEach((k, v) -> l.put(k, java.util.Arrays.stream(v).boxed().toList()));
        return new CheckReference.Network(model, seed, o, l);
    }
}
