package dev.vsgdsuite.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.vsgdsuite.suite.experiment.Profile;
import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.suite.schema.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningPlanTest {

    @TempDir
    Path tmp;

    @Test
    void theProjectPlanCoversEveryOptimizerAndEveryExperimentOfTheProfilesWithTheSameBudgetPerExperiment() {
        TuningPlan plan = TuningPlan.load();
        for (String optimizer : OptimizerConfig.types().stream().map(t -> t.name()).toList()) {
            assertThat(plan.grid(optimizer, "test").values()).as(optimizer).hasSizeGreaterThanOrEqualTo(3);
        }
        for (String profile : List.of("demo", "full-paper")) {
            for (String experiment : Profile.load(profile).experiments()) {
                assertThat(plan.experiments()).as(profile).containsKey(experiment);
            }
        }
        assertThat(plan.budget("fashion_convmixer_demo", "test").iterations(5625)).isEqualTo(1875);
        assertThat(plan.budget("cifar100_vgg", "test").iterations(30000)).isEqualTo(3000);
    }

    @Test
    void halfDecadesFromOneInTenThousandToOneAreNineLogSpacedValues() {
        TuningPlan.LearningRateGrid grid = new TuningPlan.LearningRateGrid(1e-4, 1, 2);
        assertThat(grid.values()).containsExactly(1e-4, 3.162e-4, 1e-3, 3.162e-3, 1e-2, 3.162e-2, 0.1, 0.3162, 1.0);
        assertThat(grid.shifted(1e-4, -1)).isEqualTo(3.162e-5);
        assertThat(grid.shifted(1.0, 1)).isEqualTo(3.162);
        assertThat(new TuningPlan.LearningRateGrid(1e-3, 1e-1, 1).values()).containsExactly(1e-3, 1e-2, 0.1);
    }

    @Test
    void commandLineKeysChangeOnlyTheSearchAtHand() {
        TuningPlan plan = TuningPlan.load().with("grid", "1e-3:1e-1", "adam", "fashion_convmixer_demo")
                .with("budget_iterations", "40", "adam", "fashion_convmixer_demo").with("seeds", "0,1", "adam",
                        "fashion_convmixer_demo");
        assertThat(plan.grid("adam", "t").values()).containsExactly(1e-3, 3.162e-3, 1e-2, 3.162e-2, 0.1);
        assertThat(plan.grid("sgd", "t").values()).hasSize(9);
        assertThat(plan.budget("fashion_convmixer_demo", "t").iterations(5625)).isEqualTo(40);
        assertThat(plan.seeds()).containsExactly(0L, 1L);
        assertThatThrownBy(() -> TuningPlan.load().with("budget", "40", "adam", "fashion_convmixer_demo"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tune.budget is not a tuning key");
        assertThatThrownBy(() -> TuningPlan.load().with("grid", "0.1", "adam", "fashion_convmixer_demo"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FROM:TO");
        assertThatThrownBy(() -> TuningPlan.load().with("grid", "1:0.1", "adam", "fashion_convmixer_demo"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("from <= to");
    }

    @Test
    void anUnknownKeyOrABudgetGivenTwiceIsRejectedNamingTheFile() throws Exception {
        Path typo = tmp.resolve("typo.yaml");
        Files.writeString(typo, "metric: validation_accuracy\nseeds: [0]\nextend_max: 1\ngrids: {adam: {from: 0.001, "
                + "to: 0.1, per_decade: 2, step: 3}}\nexperiments: {}\n");
        assertThatThrownBy(() -> TuningPlan.read(typo)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(typo.toString()).hasMessageContaining("unknown key 'step'");
        Path both = tmp.resolve("both.yaml");
        Files.writeString(both, "metric: validation_accuracy\nseeds: [0]\nextend_max: 1\ngrids: {}\nexperiments: "
                + "{e: {budget_iterations: 10, budget_fraction: 0.1, split: 10, eval_every: 5}}\n");
        assertThatThrownBy(() -> TuningPlan.read(both)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("experiments.e needs exactly one of budget_iterations and budget_fraction");
        Path metric = tmp.resolve("metric.yaml");
        Files.writeString(metric, "metric: test_accuracy\nseeds: [0]\nextend_max: 1\ngrids: {}\nexperiments: {}\n");
        assertThatThrownBy(() -> TuningPlan.read(metric)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("metric = test_accuracy is not supported");
        Path optimizer = tmp.resolve("optimizer.yaml");
        Files.writeString(optimizer, "metric: validation_accuracy\nseeds: [0]\nextend_max: 1\n"
                + "grids: {adamm: {from: 0.001, to: 0.1, per_decade: 2}}\nexperiments: {}\n");
        assertThatThrownBy(() -> TuningPlan.read(optimizer)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("adamm");
    }
}
