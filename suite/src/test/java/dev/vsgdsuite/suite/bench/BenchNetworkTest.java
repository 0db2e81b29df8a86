package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.model.ModelSpec;
import org.junit.jupiter.api.Test;

/** The networks bench-training times are the experiments' networks, as `vsgd-suite models` lists them. */
class BenchNetworkTest {

    @Test
    void eachIsTheNetworkTheModelsCommandListsForItsExperiment() {
        var catalog = ModelCatalog.paperModels();   // what `vsgd-suite models` prints, by experiment
        for (BenchNetwork n : BenchNetwork.values()) {
            assertThat(catalog).as(n.key()).containsKey(n.experiment());
            assertThat(n.spec()).as(n.key()).isEqualTo(catalog.get(n.experiment()));
        }
        assertThat(BenchNetwork.DEMO.experiment()).isEqualTo(ModelCatalog.demoExperiment());
    }

    @Test
    void theDemoIsGreyScale28AndThePaperNetworksAreCifarSized() {
        ModelSpec demo = BenchNetwork.DEMO.spec();
        assertThat(List.of(demo.channels(), demo.height(), demo.width(), demo.classes())).containsExactly(1, 28, 28, 10);
        for (BenchNetwork n : List.of(BenchNetwork.VGG16, BenchNetwork.CONVMIXER256, BenchNetwork.RESNEXT18)) {
            ModelSpec s = n.spec();
            assertThat(List.of(s.channels(), s.height(), s.width(), s.classes())).as(n.key()).containsExactly(3, 32, 32, 100);
        }
        assertThat(BenchNetwork.VGG16.spec().name()).isEqualTo("vgg16_bn");
        assertThat(BenchNetwork.CONVMIXER256.spec().name()).isEqualTo("convmixer_256_8_k5_p2");
        assertThat(BenchNetwork.RESNEXT18.spec().name()).isEqualTo("resnext_c8_d18_w4");
    }

    @Test
    void eachTrainsWithItsExperimentsOptimizerSettings() {
        assertThat(BenchNetwork.DEMO.config("adam").optimizer().name()).isEqualTo("adam");
        assertThat(BenchNetwork.DEMO.config("sgd").train().batchSize()).isEqualTo(32);
        assertThat(BenchNetwork.RESNEXT18.config("vsgd").train().batchSize()).isEqualTo(128);
    }

    @Test
    void listsParseInOrderAndBadNamesListTheKeys() {
        assertThat(BenchNetwork.list("resnext18, demo")).containsExactly(BenchNetwork.RESNEXT18, BenchNetwork.DEMO);
        assertThatThrownBy(() -> BenchNetwork.list("demo,vgg19")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown network 'vgg19': choose from demo, vgg16, convmixer256, resnext18, vgg19-tiny, "
                        + "convmixer256-tiny, resnext18-tiny");
        assertThatThrownBy(() -> BenchNetwork.list("demo,")).hasMessageContaining("unknown network ''");
        assertThatThrownBy(() -> BenchNetwork.list("demo,demo")).hasMessageContaining("'demo' is named twice");
    }
}
