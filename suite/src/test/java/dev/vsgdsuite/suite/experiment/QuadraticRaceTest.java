package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class QuadraticRaceTest {

    @Test
    void everyOptimizerLowersTheLossAndTheSameSeedsGiveIdenticalResults() {
        QuadraticRace race = new QuadraticRace(50, 300, 2, 0.1);
        List<QuadraticRace.Outcome> first = race.run(QuadraticRace.defaultContenders());
        List<QuadraticRace.Outcome> second = race.run(QuadraticRace.defaultContenders());
        assertThat(first).extracting(QuadraticRace.Outcome::name).containsExactly("VSGD", "Adam", "SGD-momentum");
        for (int i = 0; i < first.size(); i++) {
            QuadraticRace.Outcome o = first.get(i);
            assertThat(o.mean()).as(o.name()).isLessThan(o.initialLoss() / 2);
            assertThat(o.finalLoss()).as(o.name() + " run to run").containsExactly(second.get(i).finalLoss());
        }
    }

    @Test
    void badSizesAreRejectedNamingThem() {
        assertThatThrownBy(() -> new QuadraticRace(0, 10, 1, 0.1)).hasMessageContaining("dim, steps, seeds >= 1");
    }
}
