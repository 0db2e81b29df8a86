package dev.vsgdsuite.suite.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.experiment.ModelCatalog;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Output shapes and save/restore of every architecture, at reduced width where the full one is slow. */
class ModelShapesTest {

    static Stream<ModelSpec> reducedModels() {
        return Stream.of(
                new Vgg("A", 8, 3, 32, 32, 100),
                new Vgg("B", 8, 3, 32, 32, 100),
                new Vgg("D", 8, 3, 32, 32, 100),
                new Vgg("E", 8, 3, 64, 64, 200),
                new ConvMixer(32, 2, 5, 2, 3, 32, 32, 100),
                new ConvMixer(32, 2, 5, 2, 3, 64, 64, 200),
                new ResNeXt(8, 18, 4, 8, 3, 32, 32, 100),
                new ResNeXt(8, 18, 4, 8, 3, 64, 64, 200),
                ModelCatalog.demo());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reducedModels")
    void outputIsAProbabilityPerClass(ModelSpec spec) {
        ComputationGraph net = spec.build(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, spec.channels(), spec.height(), spec.width());
        INDArray y = net.outputSingle(false, x);
        assertThat(y.shape()).containsExactly(2, spec.classes());
        for (double rowSum : y.sum(1).toDoubleVector()) {
            assertThat(rowSum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reducedModels")
    void savedAndRestoredModelGivesIdenticalOutputs(ModelSpec spec, @TempDir Path dir) throws Exception {
        ComputationGraph net = spec.build(4);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph restored = Networks.restore(file, true);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, spec.channels(), spec.height(), spec.width());
        assertThat(restored.outputSingle(false, x.dup()).ravel().toFloatVector())
                .containsExactly(net.outputSingle(false, x.dup()).ravel().toFloatVector());
    }

    @Test
    void sameSeedGivesIdenticalInitialisation() {
        ModelSpec spec = ModelCatalog.demo();
        assertThat(spec.build(9).params().toFloatVector()).containsExactly(spec.build(9).params().toFloatVector());
        assertThat(spec.build(9).params().toFloatVector()).isNotEqualTo(spec.build(10).params().toFloatVector());
    }

    @Test
    void invalidConfigsNameTheKey() {
        assertThatThrownBy(() -> new Vgg("F", 1, 3, 32, 32, 100)).hasMessageContaining("vgg: config = F");
        assertThatThrownBy(() -> new ConvMixer(16, 4, 4, 2, 1, 28, 28, 10)).hasMessageContaining("kernel = 4 must be odd");
        assertThatThrownBy(() -> new ConvMixer(16, 4, 3, 3, 1, 28, 28, 10)).hasMessageContaining("patch = 3");
        assertThatThrownBy(() -> new ResNeXt(8, 9, 4, 64, 3, 32, 32, 100)).hasMessageContaining("depth = 9");
        assertThatThrownBy(() -> new ResNeXt(8, 18, 4, 64, 3, 32, 32, 1)).hasMessageContaining("classes = 1");
    }
}
