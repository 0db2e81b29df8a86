package dev.vsgdsuite.suite.kernels;

import dev.vsgdsuite.vsgd.HostArrays;
import static org.assertj.core.api.Assertions.assertThat;
import java.util.Random;
import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The fused GELU's lanes ({@link GeluLanes}) against the scalar formulas they vectorise and against
 * float64: bit for bit, no subnormal result, exp to float precision. The activation that uses them is
 * tested in {@code layers.ExactGeluFusedTest}.
 */
@EnabledIf(value = "dev.vsgdsuite.vsgd.HostArrays#hostKernels", disabledReason = "tests a host kernel or a CPU-only helper: runs on the CPU backend, not on CUDA or under -Dvsgd.emulateCuda=true")
class GeluLanesTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    @Test
    void lanesEqualTheScalarFormulasBitForBit() {
        float[] x = GeluInputs.grid();
        INDArray forward = Nd4j.createFromArray(x.clone());
        GeluLanes.forward(HostArrays.bytes(forward), x.length);
        float[] eps = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            eps[i] = 0.5f - (i % 7) * 0.25f;
        }
        INDArray backward = Nd4j.createFromArray(x.clone());
        INDArray epsilon = Nd4j.createFromArray(eps);   // held: its native memory must outlive the pass over it
        GeluLanes.backward(HostArrays.bytes(backward), HostArrays.bytes(epsilon), x.length);
        java.lang.ref.Reference.reachabilityFence(epsilon);
        float[] f = forward.toFloatVector();
        float[] b = backward.toFloatVector();
        for (int i = 0; i < x.length; i++) {
            float e = GeluLanes.exp(x[i] * x[i] * -0.5f);
            float cdf = GeluLanes.cdf(x[i], e);
            float expectedForward = flush(x[i] * cdf);
            float expectedBackward = flush(Math.fma(x[i], e * (float) (1 / Math.sqrt(2 * Math.PI)), cdf) * eps[i]);
            if (Float.floatToIntBits(f[i]) != Float.floatToIntBits(expectedForward)
                    || Float.floatToIntBits(b[i]) != Float.floatToIntBits(expectedBackward)) {
                throw new AssertionError("x = " + x[i] + ": lanes " + f[i] + " / " + b[i] + ", scalar " + expectedForward
                        + " / " + expectedBackward);
            }
        }
    }

    /** The lanes' rule for results below float's smallest normal. */
    private static float flush(float r) {
        return Math.abs(r) < Float.MIN_NORMAL ? 0f : r;
    }

    @Test
    void noResultIsSubnormalAndOnlySubnormalsAreFlushed() {
        // x from -40 to 40 (GELU underflows below about -13.2), ε down to 1e-30: without the flush
        // both directions produce subnormals here, which slow the next layers' oneDNN kernels
        int n = 400_001;
        float[] x = new float[n];
        float[] eps = new float[n];
        int subnormalBefore = 0;
        for (int i = 0; i < n; i++) {
            x[i] = -40f + 80f * i / (n - 1);
            eps[i] = (float) Math.pow(10, -(i % 31));
            float e = GeluLanes.exp(x[i] * x[i] * -0.5f);
            float raw = Math.fma(x[i], e * (float) (1 / Math.sqrt(2 * Math.PI)), GeluLanes.cdf(x[i], e)) * eps[i];
            if (raw != 0 && Math.abs(raw) < Float.MIN_NORMAL) {
                subnormalBefore++;
            }
        }
        assertThat(subnormalBefore).as("the unflushed gradient has subnormals to flush").isPositive();
        INDArray forward = Nd4j.createFromArray(x.clone());
        GeluLanes.forward(HostArrays.bytes(forward), n);
        INDArray backward = Nd4j.createFromArray(x.clone());
        INDArray epsilon = Nd4j.createFromArray(eps);   // held: its native memory must outlive the pass over it
        GeluLanes.backward(HostArrays.bytes(backward), HostArrays.bytes(epsilon), n);
        java.lang.ref.Reference.reachabilityFence(epsilon);
        for (float[] out : new float[][] {forward.toFloatVector(), backward.toFloatVector()}) {
            for (int i = 0; i < n; i++) {
                if (out[i] != 0 && Math.abs(out[i]) < Float.MIN_NORMAL) {
                    throw new AssertionError("subnormal " + out[i] + " at x = " + x[i] + ", eps = " + eps[i]);
                }
            }
        }
        assertThat(forward.getFloat(0)).as("GELU(-40)").isZero();
        assertThat(forward.getFloat(n - 1)).as("GELU(40)").isEqualTo(40f);
    }

    @Test
    void theLanesExpIsExpToFloatPrecision() {
        double worst = 0;
        for (int i = 0; i <= 1_000_000; i++) {
            float y = -87f * i / 1_000_000f;
            double exact = Math.exp(y);
            worst = Math.max(worst, Math.abs(GeluLanes.exp(y) - exact) / exact);
        }
        assertThat(worst).as("relative error of exp on [-87, 0]").isLessThan(2.5e-7);
        assertThat(GeluLanes.exp(-200f)).isZero();
        assertThat(GeluLanes.exp(0f)).isEqualTo(1f);
    }

}
