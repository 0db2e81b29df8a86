package dev.vsgdsuite.suite.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import dev.vsgdsuite.suite.experiment.RunOptions;
import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.train.Progress;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;

/** A model config is checked against its dataset's real input shape, before anything runs. */
class NetworksTest {

    static final String DEMO = ModelCatalog.demoExperiment();

    @Test
    void aPatchThatDividesTheDemosTwentyEightPixelsIsAccepted() {
        RunConfig c = Experiment.resolve(List.of("experiment=" + DEMO, "model.patch=7"));
        ModelSpec spec = Experiment.network(c);
        assertThat(spec).isInstanceOf(ConvMixer.class);
        assertThat(((ConvMixer) spec).patch()).isEqualTo(7);
        assertThat(List.of(spec.channels(), spec.height(), spec.width(), spec.classes())).containsExactly(1, 28, 28, 10);
    }

    @Test
    void aPatchThatDoesNotDivideTheInputIsRejectedBeforeAnyRunFolderExists(@TempDir Path runs) {
        assertThatThrownBy(() -> Experiment.resolve(List.of("experiment=" + DEMO, "model.patch=8")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.patch").hasMessageContaining("28x28");
        // a config that bypassed that check (read by the loader alone) still fails before a folder is made
        RunConfig unchecked = new ConfigLoader(ProjectPaths.configs())
                .resolve(List.of("experiment=" + DEMO, "model.patch=8", "dataset=fashion_mnist_subset"));
        Path root = runs.resolve("runs");
        assertThatThrownBy(() -> Experiment.run(unchecked, root, RunOptions.quiet()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.patch").hasMessageContaining("patch = 8")
                .hasMessageContaining("1x28x28");
        assertThat(root).doesNotExist();
    }

    @Test
    void theTrainingSetUpIsAppliedBeforeTheParametersExist() {
        ModelSpec spec = ModelCatalog.demo();
        ComputationGraph graph = Networks.build(spec, 3, conf -> conf.getVertices().values().forEach(v -> {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer layer) {
                layer.setIUpdater(new Adam(0.123));
            }
        }));
        try {
            Adam updater = (Adam) ((org.deeplearning4j.nn.conf.layers.BaseLayer) graph.getLayer("out").conf().getLayer())
                    .getIUpdater();
            assertThat(updater.getLearningRate()).isEqualTo(0.123);
            assertThat(graph.params().toFloatVector()).as("the same initialisation with or without a set-up")
                    .containsExactly(spec.build(3).params().toFloatVector());
        } finally {
            graph.close();
        }
    }

    @Test
    void anArchitectureKeyWithAWrongTypeNamesTheKey() {
        assertThatThrownBy(() -> Experiment.resolve(List.of("experiment=" + DEMO, "model.dim=wide")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.dim");
    }
}
