package dev.vsgdsuite.suite.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.vsgdsuite.suite.experiment.Invocation;
import dev.vsgdsuite.suite.verdict.Outcome;
import dev.vsgdsuite.suite.verdict.SequentialDesign;
import org.junit.jupiter.api.Test;

/**
 * Seeds in rounds over run folders, with the training replaced by a function of the run: which
 * runs come next, when an experiment stops, and that an interrupted round continues with what is missing.
 */
class SequentialRoundsTest {

    static final SequentialDesign DESIGN = new SequentialDesign(List.of(3, 5, 8, 12, 16, 20), 0.05, 0.005);
    static final List<String> BASELINES = List.of("adam", "sgd");

    static List<Invocation> plan(String... experiments) {
        List<Invocation> out = new ArrayList<>();
        for (String e : experiments) {
            for (String o : List.of("vsgd", "adam", "sgd")) {
                for (long s = 0; s < DESIGN.max(); s++) {
                    out.add(new Invocation("demo", e, o, s, List.of()));
                }
            }
        }
        return out;
    }

    /** Runs rounds until none is left; returns how many runs were made. */
    static int runAll(List<Invocation> plan, Map<String, Double> finished, ToDoubleFunction<Invocation> accuracy) {
        int runs = 0;
        for (List<Invocation> round; !(round = SequentialRounds.next(plan, finished, DESIGN, BASELINES)).isEmpty(); ) {
            for (Invocation inv : round) {
                assertThat(finished).as("no finished run is repeated").doesNotContainKey(key(inv));
                finished.put(key(inv), accuracy.applyAsDouble(inv));
                runs++;
            }
        }
        return runs;
    }

    static String key(Invocation inv) {
        return SequentialRounds.key(inv.experiment(), inv.optimizer(), inv.seed());
    }

    /** VSGD ahead of both by two points, with a little seed noise. */
    static double clearWin(Invocation inv) {
        double noise = 0.002 * Math.sin(inv.seed() * 1.7 + inv.optimizer().length());
        return (inv.optimizer().equals("vsgd") ? 0.86 : 0.84) + noise;
    }

    /** No difference beyond noise of a point. */
    static double noDifference(Invocation inv) {
        return 0.85 + 0.01 * Math.sin(inv.seed() * 2.3 + inv.optimizer().hashCode());
    }

    @Test
    void aClearDifferenceStopsAtTheFirstLookThatDecidesBothBaselines() {
        List<Invocation> plan = plan("demo");
        Map<String, Double> finished = new HashMap<>();
        int runs = runAll(plan, finished, SequentialRoundsTest::clearWin);
        SequentialRounds.State s = SequentialRounds.state("demo", plan, finished, DESIGN, BASELINES);
        assertThat(s.done()).isTrue();
        assertThat(s.baselines()).extracting(SequentialRounds.Judged::outcome)
                .containsExactly(Outcome.REPRODUCED, Outcome.REPRODUCED);
        assertThat(s.seedsRun()).isEqualTo(5);
        int baselineRuns = s.baselines().stream().mapToInt(SequentialRounds.Judged::seeds).sum();
        assertThat(runs).as("VSGD's five seeds and each baseline's up to its deciding look").isEqualTo(5 + baselineRuns);
    }

    @Test
    void withoutADecisionTheSeedsRunToMaxAndNoFurther() {
        List<Invocation> plan = plan("demo");
        Map<String, Double> finished = new HashMap<>();
        int runs = runAll(plan, finished, SequentialRoundsTest::noDifference);
        SequentialRounds.State s = SequentialRounds.state("demo", plan, finished, DESIGN, BASELINES);
        assertThat(s.done()).isTrue();
        assertThat(s.seedsRun()).isLessThanOrEqualTo(20);
        assertThat(s.baselines()).allMatch(j -> j.outcome().decided());
        int vsgdRuns = s.seedsRun();
        int baselineRuns = s.baselines().stream().mapToInt(SequentialRounds.Judged::seeds).sum();
        assertThat(runs).isEqualTo(vsgdRuns + baselineRuns);
    }

    @Test
    void aDecidedBaselineRunsNoMoreSeedsWhileTheOtherGoesOn() {
        List<Invocation> plan = plan("demo");
        Map<String, Double> finished = new HashMap<>();
        // VSGD two points ahead of SGD, level with Adam but for a point of seed noise
        int runs = runAll(plan, finished, inv -> inv.optimizer().equals("sgd") ? 0.83 + 0.002 * Math.sin(inv.seed())
                : 0.85 + 0.01 * Math.sin(inv.seed() * 2.3 + inv.optimizer().hashCode()));
        SequentialRounds.State s = SequentialRounds.state("demo", plan, finished, DESIGN, BASELINES);
        SequentialRounds.Judged adam = s.baselines().get(0);
        SequentialRounds.Judged sgd = s.baselines().get(1);
        assertThat(sgd.outcome()).isEqualTo(Outcome.REPRODUCED);
        assertThat(adam.seeds()).isGreaterThan(sgd.seeds());
        assertThat(finished.keySet().stream().filter(k -> k.contains("\u0000sgd\u0000")).count())
                .as("SGD's runs end at its deciding look").isEqualTo(sgd.seeds());
        assertThat(runs).isEqualTo(2 * adam.seeds() + sgd.seeds());
        assertThat(s.seedsRun()).isEqualTo(adam.seeds());
        assertThat(sgd.improvement().seeds()).as("P(VSGD > SGD) over the deciding look's seeds").isEqualTo(sgd.seeds());
        assertThat(sgd.improvement().estimate()).isEqualTo(1.0);
        assertThat(adam.improvement().seeds()).isEqualTo(adam.seeds());
        double wins = 0;
        for (long seed = 0; seed < adam.seeds(); seed++) {
            double d = finished.get(SequentialRounds.key("demo", "vsgd", seed)) - finished.get(SequentialRounds.key("demo", "adam", seed));
            wins += d > 0 ? 1 : d == 0 ? 0.5 : 0;
        }
        assertThat(adam.improvement().estimate()).isEqualTo(wins / adam.seeds());
        assertThat(adam.improvement().low()).isLessThanOrEqualTo(adam.improvement().estimate());
        assertThat(SequentialClaims.summary(s)).contains("P(VSGD > sgd) = 1.00 [1.00, 1.00]");
    }

    @Test
    void anInterruptedRoundContinuesWithWhatIsMissingOnly() {
        List<Invocation> plan = plan("demo");
        Map<String, Double> finished = new HashMap<>();
        List<Invocation> first = SequentialRounds.next(plan, finished, DESIGN, BASELINES);
        assertThat(first).hasSize(9).extracting(Invocation::seed).containsOnly(0L, 1L, 2L);
        for (Invocation inv : first.subList(0, 4)) {   // killed after four runs
            finished.put(key(inv), clearWin(inv));
        }
        assertThat(SequentialRounds.next(plan, finished, DESIGN, BASELINES)).containsExactlyElementsOf(first.subList(4, 9));
        Map<String, Double> resumed = new HashMap<>(finished);
        int runs = runAll(plan, resumed, SequentialRoundsTest::clearWin);
        Map<String, Double> straight = new HashMap<>();
        runAll(plan, straight, SequentialRoundsTest::clearWin);
        assertThat(resumed).isEqualTo(straight);
        assertThat(runs + 4).isEqualTo(straight.size());
    }

    @Test
    void experimentsStopIndependently() {
        List<Invocation> plan = plan("a", "b");
        Map<String, Double> finished = new HashMap<>();
        runAll(plan, finished, inv -> inv.experiment().equals("a") ? clearWin(inv) : noDifference(inv));
        assertThat(SequentialRounds.state("a", plan, finished, DESIGN, BASELINES).seedsRun()).isEqualTo(5);
        assertThat(SequentialRounds.state("b", plan, finished, DESIGN, BASELINES).seedsRun()).isGreaterThan(5);
    }
}
