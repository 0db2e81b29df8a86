package dev.vsgdsuite.suite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.model.TrainableParameters;
import dev.vsgdsuite.suite.optim.Optimizers;
import dev.vsgdsuite.suite.runtime.ResidentLimit;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One question, asked so that machine noise cancels: what does one training iteration (forward,
 * loss, backward, optimizer step: {@code ComputationGraph.fit} on one batch) of a network cost with
 * each optimizer? {@link TrainingIteration} times each optimizer in its own JVM, minutes apart; on a
 * shared 2-core machine the spread between its trials is larger than the differences sought. Here one
 * network per optimizer lives in one JVM, built as its experiment's training builds it
 * ({@link Networks#build} with the experiment's optimizer settings), and they take turns, one
 * iteration each per round in a rotating order, so a slow moment hits every optimizer alike. The
 * VSGD/Adam answer is the ratio of medians, with the interquartile range of the per-round ratios.
 *
 * <p>Warm-up: {@code warmup} rounds, not recorded (JIT, oneDNN primitive caches, workspaces). The
 * losses are summed into the result so no work can be dropped. After the rounds the process's peak
 * resident memory is read ({@link ResidentMemory}), reset before the network's graphs were built.
 */
public final class PairedTrainingIterations {

    /**
     * One network's measurement.
     *
     * @param timings          per optimizer, in the order given
     * @param vsgdOverAdam     ratio of the VSGD and Adam medians; NaN unless both were timed
     * @param peakSinceNetwork whether the peak was reset before this network (else it is the process's)
     * @param recording        where the measured rounds' time went (JFR); null unless a recording was asked for
     */
    public record Result(BenchNetwork network, String model, Map<String, IterationTiming> timings, double vsgdOverAdam,
                         double ratioQ1, double ratioQ3, double lossSum, boolean peakSinceNetwork,
                         FlightRecording.Summary recording) {

        public int batch() {
            return timings.values().iterator().next().batch();
        }

        public long parameters() {
            return timings.values().iterator().next().parameters();
        }

        public int rounds() {
            return timings.values().iterator().next().rounds();
        }

        public Long peakRssBytes() {
            return timings.values().iterator().next().peakRssBytes();
        }

        public ParityTable.Shape shape() {
            return new ParityTable.Shape(network.key(), batch(), parameters());
        }
    }

    /** One graph of the rounds: an optimizer's config, built and run with a variant's switch or none. */
    private record Entry(RunConfig config, Variant variant) {
        <T> T run(java.util.function.Supplier<T> work) {
            return variant == null ? work.get() : variant.apply(work);
        }
    }

    private PairedTrainingIterations() {}

    /**
     * Each optimizer's config for {@code network} (its experiment with the optimizer's settings),
     * resolved before anything is timed, so a bad name fails at once.
     *
     * @throws IllegalArgumentException for an empty or repeated optimizer list
     */
    public static Map<String, RunConfig> configs(BenchNetwork network, List<String> optimizers) {
        if (optimizers.isEmpty()) {
            throw new IllegalArgumentException("no optimizers given; name one or more, e.g. vsgd,adam,sgd");
        }
        Map<String, RunConfig> configs = new LinkedHashMap<>();
        for (String name : optimizers) {
            if (configs.put(name, network.config(name)) != null) {
                throw new IllegalArgumentException("optimizer '" + name + "' is named twice");
            }
        }
        return configs;
    }

    /**
     * Trains one {@code network} per optimizer on the same fixed random batch, interleaved.
     *
     * @param optimizers optimizer names as the configs know them; VSGD/Adam is reported when both are among them
     * @throws IllegalStateException when an iteration hits a non-finite gradient (the timing would be void)
     */
    public static Result measure(BenchNetwork network, List<String> optimizers, int batchSize, int warmup, int rounds,
                                 long seed) {
        return measure(network, optimizers, batchSize, warmup, rounds, seed, List.of(), null);
    }

    /**
     * As {@link #measure(BenchNetwork, List, int, int, int, long)}, with more graphs taking turns: per
     * optimizer one more for each of {@code variants}, built and run with that switch (its timing is
     * labelled {@code "OPTIMIZER [PROPERTY=VALUE]"}). With {@code recordingFile} not null the measured
     * rounds (not the warm-up) are sampled by JDK Flight Recorder ({@link FlightRecording}), the
     * recording written to that file.
     */
    public static Result measure(BenchNetwork network, List<String> optimizers, int batchSize, int warmup, int rounds,
                                 long seed, List<Variant> variants, Path recordingFile) {
        if (warmup < 0 || rounds < 1 || batchSize < 1) {
            throw new IllegalArgumentException("warmup = " + warmup + " must be >= 0, rounds = " + rounds
                    + " and batch = " + batchSize + " >= 1");
        }
        Map<String, RunConfig> configs = configs(network, optimizers);
        Map<String, Entry> entries = new LinkedHashMap<>();
        configs.forEach((name, c) -> {
            entries.put(name, new Entry(c, null));
            variants.forEach(v -> entries.put(name + " [" + v + "]", new Entry(c, v)));
        });
        ModelSpec spec = network.spec();
        ResidentLimit memory = ResidentLimit.configured();
        boolean peakReset = ResidentMemory.resetPeak();
        Map<String, ComputationGraph> graphs = new LinkedHashMap<>();
        Map<String, double[]> times = new LinkedHashMap<>();
        Map<String, IterationTiming> timings = new LinkedHashMap<>();
        long parameters;
        double lossSum = 0;
        FlightRecording recorder = null;
        FlightRecording.Summary recording = null;
        try {
            entries.forEach((name, e) -> {
                graphs.put(name, e.run(() -> Networks.build(spec, seed,
                        conf -> Optimizers.configure(conf, e.config().optimizer(), e.config().scheduler()))));
                times.put(name, new double[rounds]);
            });
            parameters = TrainableParameters.count(graphs.values().iterator().next());
            Nd4j.getRandom().setSeed(seed);
            DataSet batch = RandomBatch.of(spec, batchSize);
            List<String> order = new ArrayList<>(entries.keySet());
            for (int round = -warmup; round < rounds; round++) {
                if (round == 0 && recordingFile != null) {
                    recorder = FlightRecording.start();
                }
                for (String name : order) {
                    ComputationGraph graph = graphs.get(name);
                    Entry entry = entries.get(name);
                    int r = round;
                    double ms = entry.run(() -> {
                        long t0 = System.nanoTime();
                        fit(graph, batch, network, name, r);
                        memory.check();   // part of an iteration's cost, as in a training
                        return (System.nanoTime() - t0) / 1e6;
                    });
                    lossSum += graph.score();
                    if (round >= 0) {
                        times.get(name)[round] = ms;
                    }
                }
                order.add(order.remove(0));   // rotate: nobody always runs first after the others
            }
            if (recorder != null) {
                double meanMs = times.values().stream().flatMapToDouble(java.util.Arrays::stream).average().orElse(0);
                recording = new FlightRecording.Summary(recordingFile, recorder.stop(recordingFile), meanMs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the recording " + recordingFile + ": " + e.getMessage(), e);
        } finally {
            if (recorder != null) {
                recorder.close();
            }
            graphs.values().forEach(ComputationGraph::close);
        }
        OptionalLong peak = ResidentMemory.peakBytes();
        Long peakBytes = peak.isPresent() ? peak.getAsLong() : null;
        int threads = Nd4j.getEnvironment().maxThreads();
        Percentile p = new Percentile();
        times.forEach((name, t) -> timings.put(name, new IterationTiming(IterationTiming.SUITE, network.key(), name,
                batchSize, parameters, warmup, rounds, p.evaluate(t, 50), p.evaluate(t, 25), p.evaluate(t, 75), threads,
                peakBytes)));
        double ratio = Double.NaN;
        double q1 = Double.NaN;
        double q3 = Double.NaN;
        if (times.containsKey("vsgd") && times.containsKey("adam")) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = times.get("vsgd")[r] / times.get("adam")[r];
            }
            ratio = timings.get("vsgd").medianMs() / timings.get("adam").medianMs();
            q1 = p.evaluate(ratios, 25);
            q3 = p.evaluate(ratios, 75);
        }
        return new Result(network, spec.name(), timings, ratio, q1, q3, lossSum, peakReset, recording);
    }

    private static void fit(ComputationGraph graph, DataSet batch, BenchNetwork network, String optimizer, int round) {
        try {
            graph.fit(batch);
        } catch (ArithmeticException e) {   // VSGD refuses a non-finite gradient (NonFiniteGradientException)
            throw new IllegalStateException(network.key() + " with " + optimizer + " met a non-finite gradient in round "
                    + round + " (negative: warm-up), so its timings are void: " + e.getMessage(), e);
        }
    }

    /** One network's result as the lines the command prints when its rounds are done. */
    public static String describe(Result r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s (%s, %,d parameters), batch %d, %d interleaved rounds%n",
                r.network().key(), r.model(), r.parameters(), r.batch(), r.rounds()));
        int width = Math.max(10, r.timings().keySet().stream().mapToInt(String::length).max().orElse(0));
        out.append(String.format(Locale.ROOT, "%-" + width + "s %12s %21s %10s%n", "optimizer", "median ms", "IQR ms",
                "vs adam"));
        IterationTiming adam = r.timings().get("adam");
        r.timings().forEach((name, t) -> out.append(String.format(Locale.ROOT, "%-" + width + "s %12.2f %10.2f–%-10.2f %s%n", name,
                t.medianMs(), t.q1Ms(), t.q3Ms(), adam == null ? "–" : String.format(Locale.ROOT, "%9.3f×",
                        t.medianMs() / adam.medianMs()))));
        if (!Double.isNaN(r.vsgdOverAdam())) {
            out.append(String.format(Locale.ROOT, "VSGD/Adam per round: interquartile range %.3f–%.3f%n",
                    r.ratioQ1(), r.ratioQ3()));
        }
        out.append(String.format(Locale.ROOT, "peak resident memory %s; loss checksum %.4f%n",
                ParityTable.mebibytes(r.peakRssBytes()) + (r.peakSinceNetwork() ? " (since this network's set-up)"
                        : " (the whole process's)"), r.lossSum()));
        return out.toString();
    }
}
