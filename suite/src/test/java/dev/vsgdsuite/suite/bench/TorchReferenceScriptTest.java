package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.TrainableParameters;
import dev.vsgdsuite.suite.optim.SgdConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * tools/torch_reference.py builds the suite's networks and trains them with the suite's settings:
 * its own description ({@code --describe}, no training) against the suite's networks and configs.
 * Needs Debian's python3-torch: one of the host-tools group, which {@code mvn test} leaves out and names.
 */
class TorchReferenceScriptTest {

    @Test
    @Tag("host-tools")
    void theScriptsNetworksHaveTheSuitesParametersInputsAndSettings() throws IOException {
        TorchReferenceScript script = TorchReferenceScript.of(Path.of(TorchReferenceScript.DEFAULT_PYTHON));
        try {
            script.requireTorch();
        } catch (IOException e) {
            throw new AssertionError(e.getMessage() + " (the host-tools group needs python3-torch: .ci/run installs it)", e);
        }
        List<JsonNode> described = script.describe();
        assertThat(described.stream().map(d -> d.get("network").asText()))
                .containsExactly("demo", "vgg16", "convmixer256", "resnext18");
        for (JsonNode d : described) {
            BenchNetwork n = BenchNetwork.of(d.get("network").asText());
            ModelSpec spec = n.spec();
            assertThat(d.get("experiment").asText()).as(n.key()).isEqualTo(n.experiment());
            assertThat(d.get("input").toString()).as(n.key())
                    .isEqualTo("[" + spec.channels() + "," + spec.height() + "," + spec.width() + "]");
            assertThat(d.get("classes").asInt()).as(n.key()).isEqualTo(spec.classes());
            ComputationGraph graph = spec.build(1);
            try {
                assertThat(d.get("parameters").asLong()).as(n.key() + " parameters")
                        .isEqualTo(TrainableParameters.count(graph));
            } finally {
                graph.close();
            }
            RunConfig adam = n.config("adam");
            RunConfig sgd = n.config("sgd");
            assertThat(d.get("lr").asDouble()).as(n.key() + " adam lr").isEqualTo(adam.optimizer().lr());
            assertThat(d.get("lr").asDouble()).as(n.key() + " sgd lr").isEqualTo(sgd.optimizer().lr());
            assertThat(d.get("sgd_momentum").asDouble()).as(n.key()).isEqualTo(((SgdConfig) sgd.optimizer()).momentum());
            assertThat(d.get("experiment_batch").asInt()).as(n.key()).isEqualTo(adam.train().batchSize());
        }
    }

    @Test
    void theScriptGetsTheSuitesSettings() {
        assertThat(TorchReferenceScript.arguments(List.of(BenchNetwork.DEMO, BenchNetwork.VGG16), List.of("adam", "sgd"),
                "experiment", 3, 20, null)).containsExactly("--networks", "demo,vgg16", "--optimizers", "adam,sgd",
                "--batch", "experiment", "--warmup", "3", "--rounds", "20");
        assertThat(TorchReferenceScript.arguments(List.of(BenchNetwork.RESNEXT18), List.of("adam"), "32", 0, 1, 2))
                .endsWith("--threads", "2");
    }

    @Test
    void aPythonThatCannotRunIsNamedWithTheFix() {
        TorchReferenceScript script = TorchReferenceScript.of(Path.of("/no/such/python3"));
        assertThatThrownBy(script::requireTorch).isInstanceOf(IOException.class)
                .hasMessageContaining("/no/such/python3 cannot be run").hasMessageContaining("python3-torch")
                .hasMessageContaining("--torch FILE");
    }
}
