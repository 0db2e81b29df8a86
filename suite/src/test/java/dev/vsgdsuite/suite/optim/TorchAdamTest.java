package dev.vsgdsuite.suite.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import dev.vsgdsuite.vsgd.BlockUpdater.Kernel;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * {@link TorchAdam} against torch.optim.Adam's definition recomputed in float64, its kernels against
 * each other, its state inside DL4J's state array, and the one thing that separates it from DL4J's
 * Adam (ε's placement). The trajectories torch itself produced are replayed by
 * {@code golden.GoldenReplayTest}.
 */
class TorchAdamTest {

    /** Not a multiple of any SIMD width, so the vector kernel's scalar tail runs too. */
    static final int N = 1003;

    @Test
    void updatesFollowTorchsDefinitionWithAScheduleAndOtherBetas() {
        double beta1 = 0.8;
        double beta2 = 0.99;
        double eps = 1e-6;
        StepSchedule schedule = new StepSchedule(ScheduleType.ITERATION, 0.05, 0.5, 3);
        TorchAdamUpdater u = updater(new TorchAdam(0.05, schedule, beta1, beta2, eps), N);
        double[] m = new double[N];
        double[] v = new double[N];
        for (int t = 0; t < 12; t++) {
            float[] g = gradient(t, N, 1);
            INDArray update = Nd4j.createFromArray(g.clone()).reshape(1, N);
            u.applyUpdater(update, t, 0);
            double lr = schedule.valueAt(t, 0);
            for (int i = 0; i < N; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(beta2, t + 1)) + eps;
                double expected = lr / (1 - Math.pow(beta1, t + 1)) * m[i] / denom;
                assertThat(update.getDouble(0, i)).as("step %d, element %d", t + 1, i)
                        .isCloseTo(expected, Offset.offset(1e-5 * Math.max(lr, Math.abs(expected))));
            }
        }
        assertThat(u.getState().get(TorchAdamUpdater.EXP_AVG).toDoubleVector())
                .usingComparatorWithPrecision(1e-4).containsExactly(m);
        assertThat(u.getState().get(TorchAdamUpdater.STEP).getDouble(0)).isEqualTo(12);
    }

    /**
     * The whole difference from DL4J's Adam is where ε goes: with the suite's ε, gradients of 1e-6
     * make DL4J's steps differ by far more than float rounding; with an ε far below every √v the two
     * take the same steps.
     */
    @Test
    void dl4jsAdamDiffersOnlyByWhereEpsilonGoes() {
        double suitesEps = largestDifferenceFromDl4j(1e-8);
        double negligibleEps = largestDifferenceFromDl4j(1e-30);
        System.out.printf("DL4J's Adam vs TorchAdam, largest update difference / lr: eps 1e-8 %.3g, eps 1e-30 %.3g%n",
                suitesEps, negligibleEps);
        assertThat(suitesEps).isGreaterThan(1e-2);
        assertThat(negligibleEps).isLessThan(1e-5);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Kernel.class, names = {"VECTOR", "ND4J_OPS"})
    @EnabledIf(value = "dev.vsgdsuite.vsgd.HostArrays#hostKernels", disabledReason = "tests a host kernel or a CPU-only helper: runs on the CPU backend, not on CUDA or under -Dvsgd.emulateCuda=true")
    void everyKernelComputesTheScalarLoopsBits(Kernel kernel) {
        TorchAdam config = new TorchAdam(0.01, null, 0.9, 0.999, 1e-8);
        TorchAdamUpdater reference = updater(config, N);
        TorchAdamUpdater other = updater(config, N);
        reference.setKernel(Kernel.SCALAR);
        other.setKernel(kernel);
        for (int t = 0; t < 20; t++) {
            INDArray a = Nd4j.createFromArray(gradient(t, N, 3)).reshape(1, N);
            INDArray b = a.dup();
            reference.applyUpdater(a, t, 0);
            other.applyUpdater(b, t, 0);
            assertThat(other.kernelInUse()).isEqualTo(kernel);
            assertThat(b.toFloatVector()).as("update at step %d", t + 1).containsExactly(a.toFloatVector());
        }
        for (String key : new String[] {TorchAdamUpdater.EXP_AVG, TorchAdamUpdater.EXP_AVG_SQ}) {
            assertThat(other.getState().get(key).toFloatVector()).as(key)
                    .containsExactly(reference.getState().get(key).toFloatVector());
        }
    }

    @Test
    void theSameInputsGiveTheSameBitsAlsoWhenTheBlockIsSplitOverCores() {
        int n = (1 << 17) + 5;
        TorchAdam config = new TorchAdam(0.01, null, 0.9, 0.999, 1e-8);
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            TorchAdamUpdater u = updater(config, n);
            INDArray g = null;
            for (int t = 0; t < 3; t++) {
                g = Nd4j.createFromArray(gradient(t, n, 5)).reshape(1, n);
                u.applyUpdater(g, t, 0);
            }
            runs[r] = g.toFloatVector();
        }
        assertThat(runs[1]).containsExactly(runs[0]);
    }

    /** torch keeps a step count per parameter; so does the block, so zeroed state starts at step 1 whatever the iteration. */
    @Test
    void theStepCountIsTheBlocksOwnNotDl4jsIteration() {
        TorchAdam config = new TorchAdam(0.01, null, 0.9, 0.999, 1e-8);
        INDArray atZero = Nd4j.createFromArray(gradient(0, N, 1)).reshape(1, N);
        INDArray atThousand = atZero.dup();
        updater(config, N).applyUpdater(atZero, 0, 0);
        TorchAdamUpdater late = updater(config, N);
        late.applyUpdater(atThousand, 1000, 3);
        assertThat(atThousand.toFloatVector()).containsExactly(atZero.toFloatVector());
        assertThat(late.getState().get(TorchAdamUpdater.STEP).getDouble(0)).isEqualTo(1);
    }

    @ParameterizedTest(name = "from the {0}")
    @ValueSource(strings = {"state view", "state map"})
    void restoredStateContinuesBitIdentically(String from) {
        TorchAdam config = new TorchAdam(0.01, null, 0.9, 0.999, 1e-8);
        INDArray view = Nd4j.create(DataType.FLOAT, 1, config.stateSize(N));
        GradientUpdater<?> first = config.instantiate(view, true);
        for (int t = 0; t < 4; t++) {
            first.applyUpdater(Nd4j.createFromArray(gradient(t, N, 1)).reshape(1, N), t, 0);
        }
        GradientUpdater<?> second;
        if (from.equals("state view")) {
            second = config.instantiate(view.dup(), false);
        } else {
            Map<String, INDArray> copy = new HashMap<>();
            first.getState().forEach((k, v) -> copy.put(k, v.dup()));
            second = config.instantiate(copy, false);
        }
        INDArray a = Nd4j.createFromArray(gradient(4, N, 1)).reshape(1, N);
        INDArray b = a.dup();
        first.applyUpdater(a, 4, 0);
        second.applyUpdater(b, 4, 0);
        assertThat(b.toFloatVector()).containsExactly(a.toFloatVector());
        assertThat(second.getState().get(TorchAdamUpdater.STEP).getDouble(0)).isEqualTo(5);
    }

    /** DL4J gives a block of k tensors 2n + k floats; the layout must accept them and reject a foreign view. */
    @Test
    void aBlockOfSeveralTensorsFitsItsStateAndAForeignStateIsRejected() {
        TorchAdam config = new TorchAdam(0.01, null, 0.9, 0.999, 1e-8);
        INDArray twoTensors = Nd4j.create(DataType.FLOAT, 1, config.stateSize(600) + config.stateSize(403));
        GradientUpdater<?> u = config.instantiate(twoTensors, true);
        u.applyUpdater(Nd4j.createFromArray(gradient(0, N, 1)).reshape(1, N), 0, 0);
        assertThat(twoTensors.getDouble(0, 2L * N)).as("the step count after m and v").isEqualTo(1);

        GradientUpdater<?> foreign = config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(10)), true);
        assertThatThrownBy(() -> foreign.applyUpdater(Nd4j.createFromArray(gradient(0, N, 1)).reshape(1, N), 0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Adam state view has 21 values but a block of 1003 parameters needs between 2007 and 3009");
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new TorchAdam(-1, null, 0.9, 0.999, 1e-8)).hasMessageContaining("lr=-1.0");
        assertThatThrownBy(() -> new TorchAdam(0.1, null, 1, 0.999, 1e-8)).hasMessageContaining("beta1=1.0");
        assertThatThrownBy(() -> new TorchAdam(0.1, null, 0.9, 0.999, 0)).hasMessageContaining("eps=0.0");
    }

    /**
     * Largest |DL4J − torch| / η over the updates of 5 steps on gradients from 1e-6 to 1: the
     * difference in units of Adam's step size (an update near zero, where m cancels, would make a
     * relative difference meaningless).
     */
    private static double largestDifferenceFromDl4j(double eps) {
        double lr = 0.01;
        IUpdater dl4j = Adam.builder().learningRate(lr).beta1(0.9).beta2(0.999).epsilon(eps).build();
        GradientUpdater<?> theirs = dl4j.instantiate(Nd4j.create(DataType.FLOAT, 1, dl4j.stateSize(N)), true);
        TorchAdamUpdater ours = updater(new TorchAdam(lr, null, 0.9, 0.999, eps), N);
        double worst = 0;
        for (int t = 0; t < 5; t++) {
            float[] g = gradient(t, N, 1);
            for (int i = 0; i < N; i++) {
                g[i] *= (float) Math.pow(10, -6.0 * i / (N - 1));    // magnitudes 1 … 1e-6
            }
            INDArray a = Nd4j.createFromArray(g).reshape(1, N);
            INDArray b = a.dup();
            ours.applyUpdater(a, t, 0);
            theirs.applyUpdater(b, t, 0);
            float[] x = a.toFloatVector();
            float[] y = b.toFloatVector();
            for (int i = 0; i < N; i++) {
                worst = Math.max(worst, Math.abs((double) y[i] - x[i]) / lr);
            }
        }
        return worst;
    }

    private static TorchAdamUpdater updater(TorchAdam config, int n) {
        return (TorchAdamUpdater) config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(n)), true);
    }

    /** Seeded gradients, about zero-mean, a few units wide; none exactly zero. */
    private static float[] gradient(int t, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + t);
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            double x = rng.nextGaussian();
            g[i] = (float) (Math.abs(x) < 1e-3 ? 1e-3 : x);
        }
        return g;
    }
}
