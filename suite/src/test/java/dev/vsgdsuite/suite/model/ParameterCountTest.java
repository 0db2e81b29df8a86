package dev.vsgdsuite.suite.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import dev.vsgdsuite.suite.experiment.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The networks of the experiment configs (model config at the dataset's input shape) have the
 * trainable parameters of the authors' PyTorch models (batch-norm running statistics not counted).
 */
class ParameterCountTest {

    static Stream<Arguments> experiments() {
        return Stream.of(
                Arguments.of("cifar100_vgg", "VGG16-bn, 100 classes", 14_774_436L),
                Arguments.of("tiny_imagenet_vgg", "VGG19-bn, 200 classes", 20_137_992L),
                Arguments.of("cifar100_convmixer", "ConvMixer-256/8 k5 p2, 100 classes", 617_316L),
                Arguments.of("tiny_imagenet_convmixer", "ConvMixer-256/8 k5 p2, 200 classes", 643_016L),
                Arguments.of("cifar100_resnext", "ResNeXt c8 d18 w4, 100 classes", 11_086_756L),
                Arguments.of("tiny_imagenet_resnext", "ResNeXt c8 d18 w4, 200 classes", 11_189_256L),
                Arguments.of("fashion_convmixer_demo", "demo ConvMixer 16/4 k3 p2, 1 channel, 10 classes", 2_266L));
    }

    @ParameterizedTest(name = "{0} ({1}): {2}")
    @MethodSource("experiments")
    void trainableParametersMatchTheAuthorsModel(String experiment, String name, long expected) {
        ModelSpec spec = ModelCatalog.of(experiment);
        assertThat(TrainableParameters.count(spec.build(1))).as(name).isEqualTo(expected);
    }

    @Test
    void everyExperimentConfigHasItsCountPinnedHere() {
        assertThat(ModelCatalog.paperModels().keySet())
                .containsExactlyInAnyOrderElementsOf(experiments().map(a -> (String) a.get()[0]).toList());
    }
}
