package dev.vsgdsuite.suite.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Trainable parameters equal the authors' PyTorch models (batch-norm running statistics not counted). */
class ParameterCountTest {

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("VGG16-bn, 100 classes", new Vgg("D", 1, 3, 32, 32, 100), 14_774_436L),
                Arguments.of("VGG19-bn, 200 classes", new Vgg("E", 1, 3, 64, 64, 200), 20_137_992L),
                Arguments.of("ConvMixer-256/8 k5 p2, 100 classes", new ConvMixer(256, 8, 5, 2, 3, 32, 32, 100), 617_316L),
                Arguments.of("ConvMixer-256/8 k5 p2, 200 classes", new ConvMixer(256, 8, 5, 2, 3, 64, 64, 200), 643_016L),
                Arguments.of("ResNeXt c8 d18 w4, 100 classes", new ResNeXt(8, 18, 4, 64, 3, 32, 32, 100), 11_086_756L),
                Arguments.of("ResNeXt c8 d18 w4, 200 classes", new ResNeXt(8, 18, 4, 64, 3, 64, 64, 200), 11_189_256L),
                Arguments.of("demo ConvMixer 16/4 k3 p2, 1 channel, 10 classes", new ConvMixer(16, 4, 3, 2, 1, 28, 28, 10), 2_266L));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("models")
    void trainableParametersMatchTheAuthorsModel(String name, ModelSpec spec, long expected) {
        assertThat(TrainableParameters.count(spec.build(1))).as(name).isEqualTo(expected);
    }
}
