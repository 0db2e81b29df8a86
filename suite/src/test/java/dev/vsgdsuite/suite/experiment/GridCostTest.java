package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vsgdsuite.suite.config.TuningPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the full-paper grid costs: its iterations per experiment and the shard count for a time budget. */
class GridCostTest {

    static List<Invocation> grid;
    static GridCost cost;

    @BeforeAll
    static void resolve() {
        grid = Profile.load("full-paper").runs();
        cost = new GridCost(grid);
    }

    @Test
    void eachExperimentCostsItsRunsTimesItsIterations() {
        List<GridCost.Row> rows = cost.rows(TuningPlan.load(), Map.of());

        assertThat(rows).extracting(GridCost.Row::experiment).containsExactlyElementsOf(Profile.load("full-paper").experiments());
        for (GridCost.Row r : rows) {
            int maxIter = Experiment.resolve(List.of("experiment=" + r.experiment())).train().maxIter();
            assertThat(r.maxIter()).isEqualTo(maxIter);
            assertThat(r.runs()).isEqualTo(r.optimizers() * r.seeds()).isEqualTo(12);
            assertThat(r.trainingIterations()).isEqualTo((long) r.runs() * maxIter);
            assertThat(r.tuningIterations()).as("grid of 9 × tuning seeds × 10 %% budget")
                    .isEqualTo(Math.round(r.optimizers() * 9 * TuningPlan.load().seeds().size() * 0.1 * maxIter));
            assertThat(r.gridHours()).isNull();
        }
        assertThat(rows.stream().mapToInt(GridCost.Row::runs).sum()).isEqualTo(grid.size());
    }

    @Test
    void theFewestShardsWithinABudgetFollowTheGridsSplit() {
        // every run takes exactly one hour: a shard takes as many hours as it holds runs
        Map<String, Double> oneHourPerRun = new HashMap<>();
        for (GridCost.Row r : cost.rows(TuningPlan.load(), Map.of())) {
            oneHourPerRun.put(r.experiment(), 3600.0 / r.maxIter());
        }

        assertThat(cost.longestShardHours(12, oneHourPerRun)).isCloseTo(Math.ceil(grid.size() / 12.0),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cost.shardsWithin(6, oneHourPerRun)).hasValue((int) Math.ceil(grid.size() / 6.0));
        assertThat(cost.shardsWithin(1, oneHourPerRun)).hasValue(grid.size());
        assertThat(cost.shardsWithin(0.5, oneHourPerRun)).isEmpty();
        assertThat(cost.rows(TuningPlan.load(), oneHourPerRun)).allSatisfy(r ->
                assertThat(r.gridHours()).isCloseTo(r.runs(), org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void secondsPerIterationAreOneForAllOrPerExperiment() {
        List<String> experiments = List.of("cifar100_vgg", "tiny_imagenet_vgg");

        assertThat(GridCost.parseSecondsPerIter("0.25", experiments))
                .containsExactlyInAnyOrderEntriesOf(Map.of("cifar100_vgg", 0.25, "tiny_imagenet_vgg", 0.25));
        assertThat(GridCost.parseSecondsPerIter("tiny_imagenet_vgg=0.5", experiments))
                .containsExactlyInAnyOrderEntriesOf(Map.of("tiny_imagenet_vgg", 0.5));
        assertThatThrownBy(() -> GridCost.parseSecondsPerIter("mnist=1", experiments))
                .hasMessageContaining("names mnist, which is not an experiment of the grid");
        assertThatThrownBy(() -> GridCost.parseSecondsPerIter("-1", experiments)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> GridCost.parseSecondsPerIter("fast", experiments)).hasMessageContaining("is not SECONDS");
    }
}
