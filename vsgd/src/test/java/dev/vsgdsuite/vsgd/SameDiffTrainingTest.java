package dev.vsgdsuite.vsgd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.vsgdsuite.vsgd.golden.GoldenReplay;
import dev.vsgdsuite.vsgd.golden.GoldenTrajectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SameDiff, DL4J's other training API, trains with {@link Vsgd} as its updater and follows the
 * authors' trajectories. Each golden case becomes a graph whose gradient is the case's: for an open
 * loop the loss Σ w·g with the step's gradient g fed as a placeholder (so ∂loss/∂w = g exactly), for a
 * closed loop the quadratic ½·Σ a·w² + Σ noise·w with the step's noise fed. SameDiff's own fit loop
 * then makes one iteration per step: its state view, its call of the updater, its decoupled weight
 * decay, its parameter update. The parameters after every step must match the reference.
 */
class SameDiffTrainingTest {

    static List<GoldenTrajectory> trajectories() {
        return GoldenReplayTest.trajectories();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trajectories")
    void aSameDiffGraphTrainedWithVsgdFollowsTheAuthorsTrajectory(GoldenTrajectory t) {
        double[] worst = worstError(t, t.vsgd());
        System.out.printf("samediff %s: worst param error %.2e (step %d) over %d steps%n", t, worst[0], (int) worst[1],
                t.steps());
        assertThat(worst[0]).as("%s: worst parameter error, at step %d", t, (int) worst[1])
                .isLessThanOrEqualTo(tolerance(t));
    }

    /** The comparison can fail: the same graph with another γ (the prior's variance ratio) leaves the trajectory. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("trajectories")
    void anotherSettingLeavesTheTrajectory(GoldenTrajectory t) {
        Vsgd v = t.vsgd();
        Vsgd other = new Vsgd(v.getLearningRate(), null, v.getPs(), v.getGhattg() * 100, v.getTau1(), v.getTau2(), v.getEps());
        assertThat(worstError(t, other)[0]).isGreaterThan(tolerance(t));
    }

    private static double tolerance(GoldenTrajectory t) {
        return t.openLoop() ? GoldenReplay.OPEN_LOOP_PARAM_TOL : GoldenReplay.CLOSED_LOOP_PARAM_TOL;
    }

    /** {worst parameter error relative to max(1, |reference|), the step it happened at}, training with {@code updater}. */
    private static double[] worstError(GoldenTrajectory t, org.nd4j.linalg.learning.config.IUpdater updater) {
        int n = t.init().length;
        SameDiff sd = SameDiff.create();
        SDVariable w = sd.var("w", Nd4j.createFromArray(t.init().clone()).reshape(1, n));
        SDVariable input = sd.placeHolder("input", DataType.FLOAT, 1, n);
        SDVariable loss;
        if (t.openLoop()) {
            loss = w.mul(input).sum();
        } else {
            SDVariable a = sd.constant("a", Nd4j.createFromArray(t.a().clone()).reshape(1, n));
            loss = a.mul(w).mul(w).mul(0.5).add(input.mul(w)).sum();
        }
        sd.setLossVariables(loss);
        sd.setTrainingConfig(new TrainingConfig.Builder().updater(updater)
                .regularization(DecoupledWeightDecay.regularization(t.number("weight_decay", 0)))
                .dataSetFeatureMapping("input").markLabelsUnused().build());

        double worst = 0;
        int worstStep = -1;
        for (int step = 0; step < t.steps(); step++) {
            INDArray fed = Nd4j.createFromArray(t.inputs()[step].clone()).reshape(1, n);
            sd.fit(new SingletonMultiDataSetIterator(new MultiDataSet(new INDArray[] {fed}, new INDArray[0])), 1);
            float[] got = sd.getVariable("w").getArr().dup().data().asFloat();
            float[] want = t.params()[step];
            for (int i = 0; i < n; i++) {
                double error = Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i]));
                if (error > worst) {
                    worst = error;
                    worstStep = step + 1;
                }
            }
        }
        return new double[] {worst, worstStep};
    }
}
