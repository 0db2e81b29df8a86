package dev.vsgdsuite.vsgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The CPU kernels against each other: the SIMD loop must equal the scalar loop bit for bit (same
 * operations, same order, IEEE lanes), on blocks that end inside a vector, on views at an offset into
 * a larger flat array (as DL4J hands them over), and on blocks large enough to be split over cores.
 * The golden replays then tie both to the authors' trajectories. Arrays are compared with
 * {@code isEqualTo} (Arrays.equals: bit patterns, O(n)); AssertJ's containsExactly is quadratic.
 */
@EnabledIf(value = "dev.vsgdsuite.vsgd.HostArrays#hostKernels", disabledReason = "tests a host kernel or a CPU-only helper: runs on the CPU backend, not on CUDA or under -Dvsgd.emulateCuda=true")
class VsgdKernelsTest {

    @Test
    void theTestJvmRunsTheSimdKernel() {
        // The build passes --add-modules jdk.incubator.vector to tests; without it this suite would
        // silently test only the scalar fallback.
        VsgdUpdater u = updater(new Vsgd(), 64, VsgdUpdater.Kernel.AUTO);
        u.applyUpdater(Nd4j.rand(DataType.FLOAT, 1, 64), 0, 0);
        assertThat(u.kernelInUse()).isEqualTo(VsgdUpdater.Kernel.VECTOR);
        assertThat(VsgdVectorStep.lanes()).isGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest(name = "{0} parameters")
    @ValueSource(ints = {1, 7, 15, 16, 17, 33, 1000, 70_001, 300_007})
    void simdAndScalarKernelsAgreeBitForBit(int n) {
        Vsgd config = Vsgd.builder().learningRate(0.05).ps(1e-3).ghattg(10).tau1(0.7).tau2(0.95).eps(1e-6).build();
        Random random = new Random(n);
        // A view at an offset: the block sits in the middle of a larger flat gradient, as in DL4J.
        INDArray flatVector = Nd4j.create(DataType.FLOAT, 1, n + 21);
        INDArray flatScalar = Nd4j.create(DataType.FLOAT, 1, n + 21);
        INDArray gVector = flatVector.get(NDArrayIndex.all(), NDArrayIndex.interval(13, 13 + n));
        INDArray gScalar = flatScalar.get(NDArrayIndex.all(), NDArrayIndex.interval(13, 13 + n));
        VsgdUpdater vector = updater(config, n, VsgdUpdater.Kernel.VECTOR);
        VsgdUpdater scalar = updater(config, n, VsgdUpdater.Kernel.SCALAR);
        for (int step = 0; step < 6; step++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 4));
            }
            gVector.assign(Nd4j.createFromArray(g).reshape(1, n));
            gScalar.assign(Nd4j.createFromArray(g).reshape(1, n));
            vector.applyUpdater(gVector, step, 0);
            scalar.applyUpdater(gScalar, step, 0);
            assertThat(vector.kernelInUse()).isEqualTo(VsgdUpdater.Kernel.VECTOR);
            assertThat(scalar.kernelInUse()).isEqualTo(VsgdUpdater.Kernel.SCALAR);
            assertThat(flatVector.toFloatVector()).as("update (and untouched neighbours) after step %d", step + 1)
                    .isEqualTo(flatScalar.toFloatVector());
            for (String key : new String[] {VsgdUpdater.MUG, VsgdUpdater.BG, VsgdUpdater.BHG, VsgdUpdater.STEP}) {
                assertThat(vector.getState().get(key).toFloatVector()).as("%s after step %d", key, step + 1)
                        .isEqualTo(scalar.getState().get(key).toFloatVector());
            }
        }
        assertThat(flatVector.getFloat(0, 12)).isZero();
        assertThat(flatVector.getFloat(0, 13 + n)).isZero();
    }

    @ParameterizedTest(name = "bad value at {0}")
    @ValueSource(ints = {0, 5, 16, 99_999, 140_000, 200_002})
    void everyCpuKernelRefusesANonFiniteGradientBeforeWriting(int at) {
        int n = 200_003;   // large enough to be split over cores, with a tail after the last vector
        for (VsgdUpdater.Kernel kernel : new VsgdUpdater.Kernel[] {VsgdUpdater.Kernel.VECTOR, VsgdUpdater.Kernel.SCALAR}) {
            VsgdUpdater u = updater(new Vsgd(), n, kernel);
            u.applyUpdater(Nd4j.rand(DataType.FLOAT, 1, n), 0, 0);
            INDArray stateBefore = stateOf(u);
            INDArray g = Nd4j.rand(DataType.FLOAT, 1, n);
            g.putScalar(0, at, at % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY);
            g.putScalar(0, n - 1, Float.POSITIVE_INFINITY);   // a later one: the first is reported
            INDArray gBefore = g.dup();
            assertThatThrownBy(() -> u.applyUpdater(g, 1, 0))
                    .as(kernel.name())
                    .isInstanceOf(NonFiniteGradientException.class)
                    .hasMessageContaining("index " + at + ":");
            assertThat(stateOf(u).toFloatVector()).as(kernel.name()).isEqualTo(stateBefore.toFloatVector());
            assertThat(g.toFloatVector()).as(kernel.name()).isEqualTo(gBefore.toFloatVector());
            assertThat(u.stepCount()).isEqualTo(1);
        }
    }

    @Test
    void kernelPropertyNamesEveryChoiceWhenWrong() {
        assertThat(VsgdUpdater.kernelFromProperty(" Vector ")).isEqualTo(VsgdUpdater.Kernel.VECTOR);
        assertThat(VsgdUpdater.kernelFromProperty("scalar")).isEqualTo(VsgdUpdater.Kernel.SCALAR);
        assertThatThrownBy(() -> VsgdUpdater.kernelFromProperty("buffer"))
                .hasMessageContaining("vsgd.kernel=buffer")
                .hasMessageContaining("auto").hasMessageContaining("vector")
                .hasMessageContaining("scalar").hasMessageContaining("ops");
    }

    @Test
    void aForcedCpuKernelRefusesArraysItCannotRead() {
        VsgdUpdater u = updater(new Vsgd(), 4, VsgdUpdater.Kernel.VECTOR);
        INDArray doubles = Nd4j.create(DataType.DOUBLE, 1, 4);
        assertThatThrownBy(() -> u.applyUpdater(doubles, 0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vsgd.kernel=vector needs contiguous float32")
                .hasMessageContaining("vsgd.kernel=auto or ops");
    }

    private static VsgdUpdater updater(Vsgd config, int n, VsgdUpdater.Kernel kernel) {
        VsgdUpdater u = (VsgdUpdater) config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(n)), true);
        u.setKernel(kernel);
        return u;
    }

    private static INDArray stateOf(VsgdUpdater u) {
        return Nd4j.hstack(u.getState().get(VsgdUpdater.MUG), u.getState().get(VsgdUpdater.BG),
                u.getState().get(VsgdUpdater.BHG), u.getState().get(VsgdUpdater.STEP)).dup();
    }
}
