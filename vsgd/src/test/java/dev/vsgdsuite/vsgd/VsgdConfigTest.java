package dev.vsgdsuite.vsgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

class VsgdConfigTest {

    @Test
    void defaultsAreTheAuthors() {
        Vsgd v = new Vsgd();
        assertThat(v.getLearningRate()).isEqualTo(0.1);
        assertThat(v.getPs()).isEqualTo(1e-8);
        assertThat(v.getGhattg()).isEqualTo(30.0);
        assertThat(v.getTau1()).isEqualTo(0.81);
        assertThat(v.getTau2()).isEqualTo(0.9);
        assertThat(v.getEps()).isEqualTo(1e-8);
        assertThat(v).isEqualTo(Vsgd.builder().build());
    }

    @Test
    void toStringListsEveryHyperParameter() {
        String s = Vsgd.builder().learningRate(0.01).ps(1e-7).ghattg(20).tau1(0.7).tau2(0.95).eps(1e-6).build().toString();
        assertThat(s).contains("lr=0.01", "ps=1.0E-7", "ghattg=20.0", "tau1=0.7", "tau2=0.95", "eps=1.0E-6", "lrSchedule=null");
    }

    @Test
    void equalsAndHashCodeCoverEveryValue() {
        Vsgd base = new Vsgd();
        assertThat(base).isEqualTo(new Vsgd()).hasSameHashCodeAs(new Vsgd());
        assertThat(base.clone()).isEqualTo(base).isNotSameAs(base);
        Stream.<Supplier<Vsgd>>of(
                () -> Vsgd.builder().learningRate(0.2).build(),
                () -> Vsgd.builder().ps(2e-8).build(),
                () -> Vsgd.builder().ghattg(31).build(),
                () -> Vsgd.builder().tau1(0.8).build(),
                () -> Vsgd.builder().tau2(0.91).build(),
                () -> Vsgd.builder().eps(1e-7).build(),
                () -> Vsgd.builder().learningRateSchedule(new StepSchedule(ScheduleType.ITERATION, 0.1, 0.5, 100)).build())
                .forEach(other -> assertThat(other.get()).isNotEqualTo(base));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("lr", (Supplier<Vsgd>) () -> Vsgd.builder().learningRate(-0.1).build(), ">= 0"),
                Arguments.of("lr", (Supplier<Vsgd>) () -> Vsgd.builder().learningRate(Double.NaN).build(), ">= 0"),
                Arguments.of("ps", (Supplier<Vsgd>) () -> Vsgd.builder().ps(0).build(), "> 0"),
                Arguments.of("ghattg", (Supplier<Vsgd>) () -> Vsgd.builder().ghattg(0).build(), "> 0"),
                Arguments.of("tau1", (Supplier<Vsgd>) () -> Vsgd.builder().tau1(0.5).build(), "(0.5, 1]"),
                Arguments.of("tau1", (Supplier<Vsgd>) () -> Vsgd.builder().tau1(1.01).build(), "(0.5, 1]"),
                Arguments.of("tau2", (Supplier<Vsgd>) () -> Vsgd.builder().tau2(0.2).build(), "(0.5, 1]"),
                Arguments.of("eps", (Supplier<Vsgd>) () -> Vsgd.builder().eps(0).build(), "> 0"),
                Arguments.of("eps", (Supplier<Vsgd>) () -> Vsgd.builder().eps(Double.POSITIVE_INFINITY).build(), "finite"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalid")
    void invalidValuesAreRejectedNamingFieldValueAndRange(String field, Supplier<Vsgd> build, String range) {
        assertThatThrownBy(build::get)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + field + "'")
                .hasMessageContaining(range);
    }

    @Test
    void setLrAndScheduleValidatesToo() {
        Vsgd v = new Vsgd();
        assertThatThrownBy(() -> v.setLrAndSchedule(-1, null)).hasMessageContaining("'lr' = -1.0");
        v.setLrAndSchedule(0.3, null);
        assertThat(v.getLearningRate(5, 0)).isEqualTo(0.3);
    }

    @Test
    void scheduleGivesTheLearningRateOfEachIteration() {
        Vsgd v = Vsgd.builder().learningRateSchedule(new StepSchedule(ScheduleType.ITERATION, 0.1, 0.5, 10)).build();
        assertThat(v.getLearningRate(0, 0)).isEqualTo(0.1);
        assertThat(v.getLearningRate(10, 0)).isEqualTo(0.05);
        assertThat(v.getLearningRate(25, 0)).isEqualTo(0.025);
    }

    @Test
    void jsonRoundTripThroughDl4jConfigurationSerialization() {
        Vsgd v = Vsgd.builder().learningRate(0.03).ps(1e-7).ghattg(25).tau1(0.75).tau2(0.95).eps(1e-6)
                .learningRateSchedule(new StepSchedule(ScheduleType.ITERATION, 0.03, 0.5, 10_000)).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(v).list()
                .layer(new OutputLayer.Builder().nIn(3).nOut(2).build()).build();
        String json = conf.toJson();
        assertThat(json).contains("dev.vsgdsuite.vsgd.Vsgd", "\"ghattg\" : 25.0", "\"tau1\" : 0.75");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertThat(((org.deeplearning4j.nn.conf.layers.BaseLayer) back.getConf(0).getLayer()).getIUpdater()).isEqualTo(v);
        assertThat(back).isEqualTo(conf);
    }

    @Test
    void invalidJsonIsRejectedWithTheFieldName() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Vsgd()).list()
                .layer(new OutputLayer.Builder().nIn(3).nOut(2).build()).build();
        String broken = conf.toJson().replace("\"tau2\" : 0.9", "\"tau2\" : 2.0");
        assertThatThrownBy(() -> MultiLayerConfiguration.fromJson(broken)).hasStackTraceContaining("'tau2' = 2.0");
    }
}
