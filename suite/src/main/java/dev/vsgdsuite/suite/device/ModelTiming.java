package dev.vsgdsuite.suite.device;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.vsgdsuite.suite.bench.RandomBatch;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A few training iterations of one paper model on random images of its dataset's shape, with one
 * optimizer and the experiment's schedule and batch size, on the current backend: the median time of an
 * iteration and the memory in use after them. What a GPU runner must manage before it trains for
 * hours, and the time per iteration the cost of a grid follows from.
 *
 * @param msPerIter  median milliseconds of the timed iterations (each waits for its score, so
 *                   asynchronous GPU work is included)
 * @param gpuBytes   device 0's memory in use after the iterations (total − free), or −1 without a GPU
 * @param residentBytes the process's resident memory after the iterations
 * @param error      why the model did not train, or null
 */
public record ModelTiming(String experiment, String model, String optimizer, int batchSize, int iterations, double msPerIter,
                          double finalLoss, long gpuBytes, long residentBytes, String error) {

    public boolean ok() {
        return error == null && Double.isFinite(finalLoss);
    }

    /**
     * Trains {@code experiment}'s network with {@code optimizer} {@code warmup} untimed and
     * {@code iterations} timed iterations at {@code batchSize} (null: the experiment's).
     */
    public static ModelTiming measure(String experiment, String optimizer, Integer batchSize, int warmup, int iterations,
                                      boolean gpu) {
        RunConfig c = Experiment.resolve(List.of("experiment=" + experiment, "optimizer=" + optimizer));
        int batch = batchSize != null ? batchSize : c.train().batchSize();
        ModelSpec spec = Experiment.network(c);
        ComputationGraph graph = null;
        try {
            graph = Networks.build(spec, c.train().seed(), conf -> Optimizers.configure(conf, c.optimizer(), c.scheduler()));
            Nd4j.getRandom().setSeed(c.train().seed());
            DataSet data = RandomBatch.of(spec, batch);
            double loss = Double.NaN;
            for (int i = 0; i < warmup; i++) {
                graph.fit(data);
                loss = graph.score();
            }
            double[] ms = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                graph.fit(data);
                loss = graph.score();   // a host value: waits for the device
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double median = iterations == 0 ? Double.NaN
                    : iterations % 2 == 1 ? ms[iterations / 2] : (ms[iterations / 2 - 1] + ms[iterations / 2]) / 2;
            return new ModelTiming(experiment, spec.name(), optimizer, batch, iterations, median, loss, gpu ? Memory.gpuUsed(0) : -1,
                    Memory.resident(), Double.isFinite(loss) ? null : "the loss is " + loss);
        } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
            return new ModelTiming(experiment, spec.name(), optimizer, batch, iterations, Double.NaN, Double.NaN, -1,
                    Memory.resident(), DeviceReport.rootMessage(e));
        } finally {
            if (graph != null) {
                graph.close();
            }
        }
    }

    /** One line: experiment, model, batch, ms/iter, memory, or the error. */
    public String line() {
        if (error != null) {
            return String.format(Locale.ROOT, "%-24s %-24s %-5s %5d  FAILED: %s", experiment, model, optimizer, batchSize,
                    error);
        }
        return String.format(Locale.ROOT, "%-24s %-24s %-5s %5d %10.1f %12s %12s", experiment, model, optimizer, batchSize,
                msPerIter,
                gpuBytes < 0 ? "-" : Memory.bytes(gpuBytes), Memory.bytes(residentBytes));
    }

    /** The header of {@link #line()}. */
    public static String header() {
        return String.format(Locale.ROOT, "%-24s %-24s %-5s %5s %10s %12s %12s", "experiment", "model", "opt", "batch",
                "ms/iter",
                "gpu memory", "process RSS");
    }
}
