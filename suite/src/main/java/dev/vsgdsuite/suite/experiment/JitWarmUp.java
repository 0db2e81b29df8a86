package dev.vsgdsuite.suite.experiment;

import java.util.List;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.data.ImageBatches;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Trains every run's network for a few throw-away iterations before the measured runs, so the
 * JVM's just-in-time compilation of each optimizer's and layer's code happens here and not inside
 * the first run's timings: without it, whichever optimizer ran first in a JVM paid for compiling
 * everything (docs/PROTOCOL.md §4.3). Nothing is written and no run state is touched.
 */
public final class JitWarmUp {

    /** Iterations per run: 150 left the first run measurably slower on the demo network, 300 did not. */
    public static final int ITERATIONS = 300;

    private JitWarmUp() {}

    /** {@link #ITERATIONS} training steps of each config's network on {@code data}, in order. */
    public static void run(List<RunConfig> configs, DataModule data) {
        for (RunConfig c : configs) {
            ComputationGraph graph = Networks.build(Experiment.network(c), c.train().seed(),
                    conf -> Optimizers.configure(conf, c.optimizer(), c.scheduler()));
            try (ImageBatches batches = data.trainBatches(c.train().batchSize(), c.train().seed())) {
                for (int i = 0; i < ITERATIONS; i++) {
                    if (!batches.hasNext()) {
                        batches.reset();
                    }
                    graph.fit(batches.next());
                }
            } finally {
                graph.close();
            }
        }
    }
}
