package dev.vsgdsuite.suite.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ExactGeluTest {

    static final float[] XS = {-100f, -30f, -6f, -3f, -1f, -0.5f, -1e-3f, 0f, 1e-3f, 0.5f, 1f, 2f, 3f, 6f, 26f, 30f, 100f};

    @Test
    void forwardIsXTimesTheNormalCdf() {
        INDArray y = new ExactGelu().getActivation(Nd4j.createFromArray(XS.clone()), true);
        for (int i = 0; i < XS.length; i++) {
            double x = XS[i];
            assertThat(y.getDouble(i)).as("gelu(%s)", x).isCloseTo(x * phi(x), within(2e-7 * Math.max(1, Math.abs(x))));
        }
    }

    @Test
    void backwardIsTheExactDerivativeAndFiniteForLargeInputs() {
        INDArray eps = Nd4j.createFromArray(XS.clone()).muli(0).addi(2f);   // upstream gradient 2
        INDArray grad = new ExactGelu().backprop(Nd4j.createFromArray(XS.clone()), eps).getFirst();
        for (int i = 0; i < XS.length; i++) {
            double x = XS[i];
            double expected = 2 * (phi(x) + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI));
            assertThat(grad.getDouble(i)).as("gelu'(%s)", x).isCloseTo(expected, within(1e-6));
        }
        // against central differences of the forward pass, away from float noise
        for (double x : new double[] {-2.5, -0.7, 0.3, 1.9}) {
            double h = 1e-2;
            double fd = (gelu(x + h) - gelu(x - h)) / (2 * h);
            INDArray g = new ExactGelu().backprop(Nd4j.createFromArray((float) x), Nd4j.createFromArray(1f)).getFirst();
            assertThat(g.getDouble(0)).isCloseTo(fd, within(1e-4));
        }
    }

    /** Why ExactGelu exists: DL4J M2.1's "precise" GELU is not PyTorch's GELU. */
    @Test
    void dl4jPreciseGeluDiffersFromGelu() {
        INDArray dl4j = new ActivationGELU(true).getActivation(Nd4j.createFromArray(1f), false);
        assertThat(Math.abs(dl4j.getDouble(0) - phi(1))).isGreaterThan(5e-3);
    }

    private static double gelu(double x) {
        return x * phi(x);
    }

    /** Standard normal CDF in double precision (commons-math's erfc, ~1e-15). */
    static double phi(double x) {
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(-x / Math.sqrt(2));
    }
}
