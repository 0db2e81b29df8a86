package dev.vsgdsuite.suite.model;

import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The authors' weight initialisations, drawn in Java from a {@link SplittableRandom} per parameter,
 * seeded by (seed, layer name, parameter name). DL4J's own distribution-based init is not
 * reproducible run to run in 1.0.0-M2.1 (the same seed gave different weights in one JVM), and a
 * fixed seed must give identical results; this also makes the init independent of layer order.
 */
final class Init {

    /** What a parameter gets: N(0, std²) or U(−bound, bound), or a constant. */
    interface Rule {
        /** @return true if the rule set the parameter */
        boolean apply(String layer, String param, INDArray values, SplittableRandom rng);
    }

    private Init() {}

    static void apply(ComputationGraph graph, long seed, Rule rule) {
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            for (var e : layer.paramTable().entrySet()) {
                SplittableRandom rng = rng(seed, name, e.getKey());
                rule.apply(name, e.getKey(), e.getValue(), rng);
            }
        }
    }

    /** Every layer's weight {@code W} from N(0, std(layer, W)²); biases and batch norm keep DL4J's 0 and 1/0. */
    static void normalWeights(ComputationGraph graph, long seed, ToDoubleBiFunction<String, INDArray> std) {
        apply(graph, seed, (layer, param, values, rng) -> {
            if (!param.equals("W")) {
                return false;
            }
            normal(values, std.applyAsDouble(layer, values), rng);
            return true;
        });
    }

    static void normal(INDArray target, double std, SplittableRandom rng) {
        float[] v = new float[Math.toIntExact(target.length())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (std * gaussian(rng));
        }
        set(target, v);
    }

    static void uniform(INDArray target, double bound, SplittableRandom rng) {
        set(target, uniform(Math.toIntExact(target.length()), bound, rng));
    }

    /** {@code n} draws from U(−bound, bound), in the order {@link #uniform(INDArray, double, SplittableRandom)} fills a parameter. */
    static float[] uniform(int n, double bound, SplittableRandom rng) {
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    /** The generator of parameter {@code param} of layer {@code layer}. */
    static SplittableRandom rng(long seed, String layer, String param) {
        return new SplittableRandom(mix(seed, layer + "/" + param));
    }

    /** Fills in DL4J's flattening order of the parameter ('f' for weights), which is what the view holds. */
    private static void set(INDArray target, float[] values) {
        target.assign(Nd4j.createFromArray(values).reshape(target.ordering(), target.shape()));
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long seed, String name) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }
}
