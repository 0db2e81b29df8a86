package dev.vsgdsuite.suite.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One question, asked so that machine noise cancels: what does a training iteration of the demo
 * ConvMixer (batch 32) cost with VSGD relative to Adam? {@link TrainingIteration} times each optimizer
 * in its own JVM, minutes apart; on a shared 2-core machine the spread between its trials is larger
 * than the difference sought. Here the networks live in one JVM and take turns, one iteration each
 * per round in a rotating order, so a slow moment hits every optimizer alike; the answer is the ratio
 * of medians, with the interquartile range of the per-round ratios beside it.
 *
 * <p>Warm-up: {@code warmup} rounds, not recorded (JIT, oneDNN primitive caches, workspaces). The
 * losses are summed into the result so no work can be dropped.
 */
public final class PairedTrainingIterations {

    /** Per-optimizer medians (ms) and the VSGD/Adam ratio summary of one measurement. */
    public record Result(Map<String, Double> medianMs, double ratioOfMedians, double ratioQ1, double ratioQ3,
                         int rounds, double lossSum) {}

    private PairedTrainingIterations() {}

    /**
     * Trains one demo ConvMixer per optimizer on the same fixed random batch, interleaved.
     *
     * @param optimizers optimizer names as the configs know them; must include "vsgd" and "adam"
     */
    public static Result measure(List<String> optimizers, int warmup, int rounds, long seed) {
        if (!optimizers.contains("vsgd") || !optimizers.contains("adam")) {
            throw new IllegalArgumentException("optimizers " + optimizers + " must include vsgd and adam (the ratio's terms)");
        }
        if (warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("warmup = " + warmup + " must be ≥ 0 and rounds = " + rounds + " ≥ 1");
        }
        String experiment = ModelCatalog.demoExperiment();
        ModelSpec spec = ModelCatalog.demo();
        Map<String, ComputationGraph> graphs = new LinkedHashMap<>();
        Map<String, double[]> times = new LinkedHashMap<>();
        for (String name : optimizers) {
            RunConfig c = Experiment.resolve(List.of("experiment=" + experiment, "optimizer=" + name));
            graphs.put(name, Networks.build(spec, seed, conf -> Optimizers.configure(conf, c.optimizer(), c.scheduler())));
            times.put(name, new double[rounds]);
        }
        Nd4j.getRandom().setSeed(seed);
        DataSet batch = RandomBatch.of(spec, 32);
        List<String> order = new ArrayList<>(optimizers);
        double lossSum = 0;
        try {
            for (int round = -warmup; round < rounds; round++) {
                for (String name : order) {
                    ComputationGraph graph = graphs.get(name);
                    long t0 = System.nanoTime();
                    graph.fit(batch);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    lossSum += graph.score();
                    if (round >= 0) {
                        times.get(name)[round] = ms;
                    }
                }
                order.add(order.remove(0));   // rotate: nobody always runs first after the others
            }
        } finally {
            graphs.values().forEach(ComputationGraph::close);
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        times.forEach((name, t) -> medians.put(name, new Percentile().evaluate(t, 50)));
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = times.get("vsgd")[r] / times.get("adam")[r];
        }
        Percentile p = new Percentile();
        return new Result(medians, medians.get("vsgd") / medians.get("adam"), p.evaluate(ratios, 25),
                p.evaluate(ratios, 75), rounds, lossSum);
    }

    /** The result as the lines the command prints. */
    public static String describe(Result r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Demo ConvMixer (16/4 k3 p2), batch 32, %d interleaved rounds%n", r.rounds()));
        out.append(String.format(Locale.ROOT, "%-10s %12s %10s%n", "optimizer", "median ms", "vs adam"));
        double adam = r.medianMs().get("adam");
        r.medianMs().forEach((name, ms) -> out.append(String.format(Locale.ROOT, "%-10s %12.2f %9.3f×%n", name, ms, ms / adam)));
        out.append(String.format(Locale.ROOT, "VSGD/Adam per round: interquartile range %.3f–%.3f (loss checksum %.4f)%n",
                r.ratioQ1(), r.ratioQ3(), r.lossSum()));
        return out.toString();
    }
}
