package dev.vsgdsuite.suite.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.util.List;

import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One table over every declared learning-rate schedule, as OptimizerTypesTest is over the optimizers. */
class SchedulerTypesTest {

    static final ConfigLoader LOADER = new ConfigLoader(ProjectPaths.configs());

    static List<String> names() {
        return SchedulerConfig.types().stream().map(SchedulerType::name).toList();
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyScheduleHasItsConfigFileAndReadsBackAsItsOwnRecord(String name) {
        assertThat(Files.isRegularFile(ProjectPaths.configs().resolve("scheduler").resolve(name + ".yaml"))).isTrue();
        SchedulerConfig s = LOADER.resolve(List.of("experiment=fashion_convmixer_demo", "optimizer=adam", "scheduler=" + name))
                .scheduler();
        assertThat(s.type().name()).isEqualTo(name);
        assertThat(SchedulerConfig.type(name)).isSameAs(s.type());
    }

    @Test
    void aValueOutsideItsRuleIsNamedWithTheRule() {
        assertThatThrownBy(() -> LOADER.resolve(List.of("experiment=fashion_convmixer_demo", "optimizer=adam",
                "scheduler=step", "scheduler.gamma=2"))).hasMessageContaining("scheduler.gamma = 2.0 is invalid: it must be in (0, 1].");
        assertThatThrownBy(() -> new SchedulerConfig.Plateau(0.5, 1, -1, 0, 0))
                .hasMessage("scheduler.threshold = -1.0 is invalid: it must be >= 0.");
        assertThatThrownBy(() -> SchedulerConfig.type("linear"))
                .hasMessage("scheduler.name = linear is invalid: it must be one of [none, step, cosine, plateau].");
    }

    @Test
    void cosineWithoutAPeriodRunsOverTheWholeTraining() {
        SchedulerConfig s = LOADER.resolve(List.of("experiment=fashion_convmixer_demo", "optimizer=adam", "scheduler=cosine",
                "train.max_iter=40")).scheduler();
        assertThat(s).isEqualTo(new SchedulerConfig.Cosine(40, 0.0));
        assertThat(s.schedule(1.0).valueAt(40, 0)).isEqualTo(0.0, offset(1e-12));
        assertThat(s.schedule(1.0).valueAt(20, 0)).isEqualTo(0.5, offset(1e-12));
    }

    @Test
    void onlyStepAndCosineChangeTheRateInsideTheUpdater() {
        assertThat(new SchedulerConfig.Constant().schedule(0.1)).isNull();
        assertThat(new SchedulerConfig.Plateau(0.5, 1, 0, 0, 0).schedule(0.1)).isNull();
        assertThat(new SchedulerConfig.Step(2, 0.5).schedule(1.0).valueAt(4, 0)).isEqualTo(0.25);
    }
}
