package dev.vsgdsuite.suite.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * {@link SgdMomentum} against torch.optim.SGD's definition (dampening 0), recomputed here in
 * float64 from the formulas of its documentation: buf₁ = g₁, buf_t = μ·buf_{t−1} + g_t; the step is
 * η·buf_t, or η·(g_t + μ·buf_t) with Nesterov.
 */
class SgdMomentumTest {

    static final int N = 5;

    @ParameterizedTest(name = "nesterov={0}")
    @ValueSource(booleans = {false, true})
    void updatesFollowTorchsRecurrence(boolean nesterov) {
        double lr = 0.05;
        double mu = 0.9;
        IUpdater config = new SgdMomentum(lr, null, mu, nesterov);
        GradientUpdater<?> u = config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(N)), true);
        double[] buf = new double[N];
        for (int t = 0; t < 30; t++) {
            float[] g = gradient(t);
            INDArray update = Nd4j.createFromArray(g.clone()).reshape(1, N);
            u.applyUpdater(update, t, 0);
            for (int i = 0; i < N; i++) {
                buf[i] = mu * buf[i] + g[i];
                double expected = lr * (nesterov ? g[i] + mu * buf[i] : buf[i]);
                assertThat(update.getDouble(0, i)).as("step %d, element %d", t + 1, i)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(expected))));
            }
        }
        assertThat(u.getState().get(SgdMomentum.MOMENTUM_BUFFER).toDoubleVector())
                .usingComparatorWithPrecision(1e-4).containsExactly(buf);
    }

    @Test
    void theScheduleDrivesTheLearningRate() {
        IUpdater config = new SgdMomentum(0.1, new StepSchedule(ScheduleType.ITERATION, 0.1, 0.5, 2), 0.5, false);
        GradientUpdater<?> u = config.instantiate(Nd4j.create(DataType.FLOAT, 1, 1), true);
        double buf = 0;
        for (int t = 0; t < 6; t++) {
            INDArray g = Nd4j.createFromArray(new float[] {1f}).reshape(1, 1);
            u.applyUpdater(g, t, 0);
            buf = 0.5 * buf + 1;
            assertThat(g.getDouble(0, 0)).isCloseTo(0.1 * Math.pow(0.5, t / 2) * buf, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void stateRestoredFromItsMapContinuesTheSameTrajectory() {
        IUpdater config = new SgdMomentum(0.05, null, 0.9, false);
        GradientUpdater<?> first = config.instantiate(Nd4j.create(DataType.FLOAT, 1, N), true);
        for (int t = 0; t < 3; t++) {
            first.applyUpdater(Nd4j.createFromArray(gradient(t)).reshape(1, N), t, 0);
        }
        INDArray buffer = first.getState().get(SgdMomentum.MOMENTUM_BUFFER).dup();
        GradientUpdater<?> second = config.instantiate(Map.of(SgdMomentum.MOMENTUM_BUFFER, buffer), false);
        INDArray a = Nd4j.createFromArray(gradient(3)).reshape(1, N);
        INDArray b = a.dup();
        first.applyUpdater(a, 3, 0);
        second.applyUpdater(b, 3, 0);
        assertThat(b.toFloatVector()).containsExactly(a.toFloatVector());
    }

    @Test
    void momentumOutsideTheOpenUnitIntervalIsRefused() {
        assertThatThrownBy(() -> new SgdMomentum(0.1, null, 0, false)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new SgdMomentum(0.1, null, 1, false)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new SgdMomentum(-1, null, 0.9, false)).hasMessageContaining("lr");
    }

    private static float[] gradient(int t) {
        float[] g = new float[N];
        for (int i = 0; i < N; i++) {
            g[i] = (float) Math.sin(0.7 * t + 1.3 * i) * (i + 1);
        }
        return g;
    }
}
