package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.vsgd.HostArrays;
import static org.assertj.core.api.Assertions.assertThat;
import java.util.Map;
import java.util.Random;
import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.model.ConvMixer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.junit.jupiter.api.condition.EnabledIf;
import dev.vsgdsuite.suite.kernels.GeluInputs;
import dev.vsgdsuite.suite.kernels.GeluLanes;

/**
 * {@link ExactGelu}'s fused pass ({@link GeluLanes}) against float64 GELU and against the composed nd4j
 * ops it replaces: the same function to float rounding, forward and backward, alone and inside the
 * demo ConvMixer.
 */
@EnabledIf(value = "dev.vsgdsuite.vsgd.HostArrays#hostKernels", disabledReason = "tests a host kernel or a CPU-only helper: runs on the CPU backend, not on CUDA or under -Dvsgd.emulateCuda=true")
class ExactGeluFusedTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    @Test
    void theFusedPassRunsInTestsAndIsGeluToFloatPrecision() {
        float[] x = GeluInputs.grid();
        INDArray in = Nd4j.createFromArray(x.clone());
        assertThat(ExactGelu.fused(in)).as("SIMD GELU active (needs --add-modules jdk.incubator.vector)").isTrue();
        INDArray y = new ExactGelu().getActivation(in, true);
        INDArray g = new ExactGelu().backprop(Nd4j.createFromArray(x.clone()), Nd4j.ones(DataType.FLOAT, x.length)).getFirst();
        double worstValue = 0;
        double worstDerivative = 0;
        double worstTail = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double phi = ExactGeluTest.phi(xi);
            double derivative = phi + xi * Math.exp(-xi * xi / 2) / Math.sqrt(2 * Math.PI);
            worstValue = Math.max(worstValue, Math.abs(y.getFloat(i) - xi * phi) / Math.max(1, Math.abs(xi)));
            worstDerivative = Math.max(worstDerivative, Math.abs(g.getFloat(i) - derivative));
            if (xi < -1 && xi > -12) {   // relative accuracy where Φ is tiny
                worstTail = Math.max(worstTail, Math.abs(y.getFloat(i) / (xi * phi) - 1));
            }
        }
        assertThat(worstValue).as("GELU error / max(1,|x|)").isLessThan(2e-7);
        assertThat(worstDerivative).as("GELU' error").isLessThan(4e-7);
        assertThat(worstTail).as("relative GELU error for x in (-12, -1)").isLessThan(1e-5);
    }

    /**
     * The lanes equal the scalar formulas bit for bit. The scalar code is plain Java float arithmetic
     * and Math.fma, which give the same bits interpreted or compiled, so a training run cannot depend
     * on when the JIT compiled the lanes (the Vector API's own EXP did: a cold and a warm JVM differed).
     */

    @Test
    void fusedAndComposedOpsAgreeOnALayerSizedActivation() {
        INDArray x = Nd4j.randn(new Random(3).nextLong(), new long[] {32, 16, 14, 14}).castTo(DataType.FLOAT).muli(2);
        INDArray eps = Nd4j.randn(11L, new long[] {32, 16, 14, 14}).castTo(DataType.FLOAT);
        INDArray fusedOut = new ExactGelu().getActivation(x.dup(), true);
        INDArray composedOut = ExactGelu.composedActivation(x.dup());
        INDArray fusedGrad = new ExactGelu().backprop(x.dup(), eps.dup()).getFirst();
        INDArray composedGrad = ExactGelu.composedBackprop(x.dup(), eps.dup()).getFirst();
        float[] xs = x.ravel().toFloatVector();
        float[] fo = fusedOut.ravel().toFloatVector();
        float[] co = composedOut.ravel().toFloatVector();
        float[] fg = fusedGrad.ravel().toFloatVector();
        float[] cg = composedGrad.ravel().toFloatVector();
        float[] e = eps.ravel().toFloatVector();
        for (int i = 0; i < xs.length; i++) {
            assertThat(Math.abs(fo[i] - co[i])).as("gelu(%s)", xs[i]).isLessThanOrEqualTo(5e-7f * Math.max(1, Math.abs(xs[i])));
            assertThat(Math.abs(fg[i] - cg[i])).as("eps·gelu'(%s)", xs[i]).isLessThanOrEqualTo(5e-7f * Math.max(1, Math.abs(e[i])));
        }
    }

    @Test
    void aStridedViewTakesTheComposedPathAndIsStillGelu() {
        INDArray matrix = Nd4j.createFromArray(new float[][] {{-2f, 0.5f}, {1f, 3f}, {-0.25f, 7f}});
        INDArray column = matrix.get(NDArrayIndex.all(), NDArrayIndex.point(0));
        assertThat(ExactGelu.fused(column)).isFalse();
        new ExactGelu().getActivation(column, true);
        assertThat((double) matrix.getFloat(0, 0)).isCloseTo(-2 * ExactGeluTest.phi(-2), org.assertj.core.data.Offset.offset(2e-7));
        assertThat(matrix.getFloat(0, 1)).as("other column untouched").isEqualTo(0.5f);
    }

    @Test
    void demoConvMixerGradientsAreTheSameWithFusedAndComposedGelu() {
        ConvMixer spec = (ConvMixer) ModelCatalog.demo();
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, spec.classes());
        for (int i = 0; i < 32; i++) {
            labels.putScalar(i, i % spec.classes(), 1f);
        }
        DataSet batch = new DataSet(Nd4j.rand(23L, new long[] {32, spec.channels(), spec.height(), spec.width()}).castTo(DataType.FLOAT), labels);
        Map<String, INDArray> fused = gradients(spec, batch, "auto");
        Map<String, INDArray> composed = gradients(spec, batch, "ops");
        assertThat(fused.keySet()).isEqualTo(composed.keySet()).isNotEmpty();
        double squaredError = 0;
        double squaredNorm = 0;
        for (String key : fused.keySet()) {
            INDArray difference = fused.get(key).sub(composed.get(key));
            double error = difference.norm2Number().doubleValue();
            double norm = composed.get(key).norm2Number().doubleValue();
            squaredError += error * error;
            squaredNorm += norm * norm;
            // Per parameter a looser bound: a conv bias that feeds batch norm has an analytically zero
            // gradient, so its relative error is rounding over rounding (measured up to 4e-5).
            assertThat(error / Math.max(norm, 1e-12)).as(key).isLessThan(1e-3);
        }
        // The two GELUs differ by float rounding (≤ 5e-7 per element, tested above); a wrong derivative
        // would move the whole gradient by orders of magnitude more than this.
        assertThat(Math.sqrt(squaredError / squaredNorm)).as("relative L2 error of the whole gradient").isLessThan(1e-5);
    }

    @Test
    void theImplementationIsChosenWhenTheActivationIsMadeNotOnEveryCall() {
        System.setProperty(ExactGelu.IMPLEMENTATION_PROPERTY, "ops");
        ExactGelu made;
        try {
            made = new ExactGelu();
        } finally {
            System.clearProperty(ExactGelu.IMPLEMENTATION_PROPERTY);
        }
        assertThat(made.opsOnly()).isTrue();
        assertThat(new ExactGelu().opsOnly()).isFalse();
    }

    private static Map<String, INDArray> gradients(ConvMixer spec, DataSet batch, String implementation) {
        String before = System.getProperty(ExactGelu.IMPLEMENTATION_PROPERTY);
        System.setProperty(ExactGelu.IMPLEMENTATION_PROPERTY, implementation);
        ComputationGraph graph = new ComputationGraph(spec.configuration(5));
        try {
            graph.init();
            spec.initialise(graph, 5);
            graph.setInputs(batch.getFeatures());
            graph.setLabels(batch.getLabels());
            graph.computeGradientAndScore();
            Gradient gradient = graph.gradient();
            Map<String, INDArray> copy = new java.util.TreeMap<>();
            gradient.gradientForVariable().forEach((k, v) -> copy.put(k, v.dup()));
            return copy;
        } finally {
            graph.close();
            if (before == null) {
                System.clearProperty(ExactGelu.IMPLEMENTATION_PROPERTY);
            } else {
                System.setProperty(ExactGelu.IMPLEMENTATION_PROPERTY, before);
            }
        }
    }
}
