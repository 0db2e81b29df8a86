package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.data.ImageBatches;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What makes the claim comparisons paired: runs of one seed start from the same weights and see the
 * same batches in the same order whatever the optimizer, so per-seed differences cancel the luck of
 * the draw.
 */
class PairedSeedsTest {

    static RunConfig demo(String optimizer, long seed) {
        return Experiment.resolve(List.of("experiment=" + ModelCatalog.demoExperiment(), "dataset=fashion_mnist_subset",
                "optimizer=" + optimizer, "train.seed=" + seed));
    }

    @Test
    void vsgdAndAdamOfOneSeedStartFromTheSameWeights() {
        for (long seed : new long[] {0, 3}) {
            RunConfig vsgd = demo("vsgd", seed);
            RunConfig adam = demo("adam", seed);
            ComputationGraph a = network(vsgd);
            ComputationGraph b = network(adam);
            assertThat(a.params().toFloatVector()).containsExactly(b.params().toFloatVector());
            assertThat(a.getUpdater().getStateViewArray().length()).isNotEqualTo(b.getUpdater().getStateViewArray().length());
            a.close();
            b.close();
        }
        assertThat(network(demo("vsgd", 0)).params().toFloatVector())
                .as("another seed, other weights").isNotEqualTo(network(demo("vsgd", 1)).params().toFloatVector());
    }

    @Test
    void vsgdAndAdamOfOneSeedSeeTheSameFirstEpochInTheSameOrder() {
        RunConfig vsgd = demo("vsgd", 2);
        RunConfig adam = demo("adam", 2);
        DataModule data = Experiment.load(vsgd);
        List<float[]> first = firstEpoch(data, vsgd);
        List<float[]> second = firstEpoch(data, adam);
        assertThat(first).hasSize(3000 / 32);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("batch %d", i).containsExactly(first.get(i));
        }
        assertThat(firstEpoch(data, demo("adam", 5)).get(0)).as("another seed, another order").isNotEqualTo(first.get(0));
    }

    private static ComputationGraph network(RunConfig c) {
        return Networks.build(Experiment.network(c), c.train().seed(),
                conf -> Optimizers.configure(conf, c.optimizer(), c.scheduler()));
    }

    /** Each batch of the first epoch as its features followed by its labels. */
    private static List<float[]> firstEpoch(DataModule data, RunConfig c) {
        List<float[]> batches = new ArrayList<>();
        try (ImageBatches it = data.trainBatches(c.train().batchSize(), c.train().seed())) {
            for (int i = 0; i < it.batchesPerEpoch(); i++) {
                DataSet d = it.next();
                float[] x = d.getFeatures().reshape(-1).toFloatVector();
                float[] y = d.getLabels().reshape(-1).toFloatVector();
                float[] both = java.util.Arrays.copyOf(x, x.length + y.length);
                System.arraycopy(y, 0, both, x.length, y.length);
                batches.add(both);
            }
        }
        return batches;
    }
}
