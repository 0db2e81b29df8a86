package dev.vsgdsuite.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.optim.SchedulerConfig;
import dev.vsgdsuite.suite.optim.SgdConfig;
import dev.vsgdsuite.suite.optim.VsgdConfig;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.schema.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    static final ConfigLoader LOADER = new ConfigLoader(ProjectPaths.configs());

    static Stream<Arguments> experimentsTimesOptimizers() {
        List<Arguments> out = new ArrayList<>();
        for (String e : LOADER.names("experiment")) {
            for (String o : LOADER.names("optimizer")) {
                out.add(Arguments.of(e, o));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("experimentsTimesOptimizers")
    void everyExperimentResolvesWithEveryOptimizer(String experiment, String optimizer) {
        RunConfig c = LOADER.resolve(List.of("experiment=" + experiment, "optimizer=" + optimizer));
        assertThat(c.experiment()).isEqualTo(experiment);
        assertThat(c.optimizer().name()).isEqualTo(optimizer);
        assertThat(c.train().maxIter()).isPositive();
    }

    @Test
    void paperExperimentsCarryTheAuthorsProtocol() {
        RunConfig vgg = LOADER.resolve(List.of("experiment=cifar100_vgg", "optimizer=vsgd"));
        assertThat(vgg.train().batchSize()).isEqualTo(256);
        assertThat(vgg.train().maxIter()).isEqualTo(30_000);
        assertThat(vgg.scheduler()).isEqualTo(new SchedulerConfig.Step(10_000, 0.5));
        assertThat(Experiment.network(vgg).name()).isEqualTo("vgg16_bn");
        RunConfig tiny = LOADER.resolve(List.of("experiment=tiny_imagenet_resnext", "optimizer=sgd"));
        assertThat(tiny.train().batchSize()).isEqualTo(64);
        assertThat(tiny.train().maxIter()).isEqualTo(60_000);
        assertThat(((SchedulerConfig.Step) tiny.scheduler()).stepSize()).isEqualTo(20_000);
        RunConfig demo = LOADER.resolve(List.of("experiment=fashion_convmixer_demo", "optimizer=vsgd"));
        assertThat(demo.optimizer().lr()).isEqualTo(0.01);
        assertThat(((VsgdConfig) demo.optimizer()).ps()).isEqualTo(1e-7);
        assertThat(demo.train().batchSize()).isEqualTo(32);
        assertThat(demo.train().maxIter()).isEqualTo(5_625);
        assertThat(demo.scheduler().name()).isEqualTo("none");
        assertThat(((SgdConfig) LOADER.resolve(List.of("experiment=fashion_convmixer_demo", "optimizer=sgd")).optimizer())
                .momentum())
                .isEqualTo(0.9);
    }

    @Test
    void overridesInTheAuthorsStyle() {
        RunConfig c = LOADER.resolve(List.of("experiment=cifar100_vgg", "optimizer=vsgd", "optimizer.weight_decay=0.01",
                "train.seed=2", "train.max_iter=200", "model.config=A", "scheduler=cosine", "train.target_accuracy=0.5"));
        assertThat(c.optimizer().weightDecay()).isEqualTo(0.01);
        assertThat(c.train().seed()).isEqualTo(2);
        assertThat(c.train().maxIter()).isEqualTo(200);
        assertThat(c.scheduler().name()).isEqualTo("cosine");
        assertThat(((SchedulerConfig.Cosine) c.scheduler()).tMax()).isEqualTo(200);
        assertThat(c.train().targetAccuracy()).isEqualTo(0.5);
        assertThat(Experiment.network(c).name()).isEqualTo("vgg11_bn");
    }

    @Test
    void unknownKeyNamesItAndListsTheValidKeys() {
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=cifar100_vgg", "optimizer.momentum=0.9")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("optimizer has no key 'momentum'")
                .hasMessageContaining("[name, lr, ps, ghattg, tau1, tau2, eps, weight_decay]");
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=cifar100_vgg", "trian.seed=1")))
                .hasMessageContaining("no section 'trian'");
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=cifar100_vgg", "lr=0.1")))
                .hasMessageContaining("lr=0.1 is not a learning-rate source").hasMessageContaining("optimizer.lr");
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=cifar100_vgg", "seed=1")))
                .hasMessageContaining("Unknown argument 'seed=1'");
    }

    @Test
    void badValuesAndNamesAreRejectedClearly() {
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=cifar100_vgg", "optimizer.lr=fast")))
                .hasMessageContaining("optimizer.lr = \"fast\" is not a number");
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=cifar100_vgg", "optimizer.tau1=0.3")))
                .hasMessageContaining("tau1");
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=cifar100_vgg", "train.batch_size=0")))
                .hasMessageContaining("train.batch_size = 0 is invalid");
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=cifar100_vgg", "optimizer=no_such_optimizer")))
                .hasMessageContaining("optimizer=no_such_optimizer").hasMessageContaining("adam, adamw, sgd, vsgd");
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=nope")))
                .hasMessageContaining("experiment=nope").hasMessageContaining("cifar100_vgg");
        assertThatThrownBy(() -> LOADER.resolve(List.of("optimizer=adam")))
                .hasMessageContaining("No experiment given");
        assertThatThrownBy(() -> Experiment.network(LOADER.resolve(List.of("experiment=cifar100_vgg", "model.config=Q"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.config").hasMessageContaining("vgg: config = Q");
    }

    @Test
    void resolvedConfigReadsBackToTheSameRun(@TempDir Path dir) throws Exception {
        RunConfig c = LOADER.resolve(List.of("experiment=cifar100_resnext", "optimizer=adamw", "optimizer.weight_decay=0.05",
                "train.seed=7"));
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, c.toYaml());
        RunConfig back = LOADER.resolve(List.of("config=" + file));
        assertThat(back.tree()).isEqualTo(c.tree());
        assertThat(back.optimizer()).isEqualTo(c.optimizer());
        assertThat(back.train()).isEqualTo(c.train());
        RunConfig changed = LOADER.resolve(List.of("config=" + file, "train.seed=8"));
        assertThat(changed.train().seed()).isEqualTo(8);
        assertThatThrownBy(() -> LOADER.resolve(List.of("config=" + file, "optimizer=sgd")))
                .hasMessageContaining("cannot change a resolved config");
    }
}
