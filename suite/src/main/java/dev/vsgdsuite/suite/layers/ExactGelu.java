package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.suite.kernels.GeluLanes;
import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import dev.vsgdsuite.vsgd.HostArrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GELU as PyTorch's {@code nn.GELU()} computes it: x·Φ(x) = ½·x·(1 + erf(x/√2)), with the exact
 * derivative Φ(x) + x·φ(x).
 *
 * <p>DL4J 1.0.0-M2.1 has no such activation: {@code Activation.GELU} is the sigmoid approximation
 * x·σ(1.702x) (and its backward pass gives NaN for inputs above about 26), and
 * {@code new ActivationGELU(true)}, documented as precise, computes
 * ½x(1 + tanh(√(2/π)(x + (0.044715x)³))): 0.8314 at x = 1 where GELU is 0.8413 (see ExactGeluTest).
 *
 * <p>Two implementations of the same function: on the CPU backend with contiguous float32 arrays and
 * SIMD lanes (the JVM started with {@code --add-modules jdk.incubator.vector}), one fused pass
 * ({@link dev.vsgdsuite.suite.kernels.GeluLanes}); otherwise nd4j ops (any backend). They agree to float rounding (GeluLanesTest).
 */
public final class ExactGelu extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;
    /** System property choosing the implementation: {@code auto} (default) or {@code ops}. */
    public static final String IMPLEMENTATION_PROPERTY = SuiteSwitches.GELU.name();
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** {@code suite.gelu=ops}, read when the activation is made: as a network is built or restored. */
    private final transient boolean opsOnly = SuiteSwitches.GELU.is("ops");

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (!opsOnly && fused(in)) {
            GeluLanes.forward(HostArrays.bytes(in), (int) in.length());
            return in;
        }
        return composedActivation(in);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (!opsOnly && fused(in) && fused(epsilon) && in.ordering() == epsilon.ordering()) {
            GeluLanes.backward(HostArrays.bytes(in), HostArrays.bytes(epsilon), (int) in.length());
            return new Pair<>(in, null);
        }
        return composedBackprop(in, epsilon);
    }

    /**
     * Whether the fused SIMD pass can work on this array in place. {@code -Dsuite.gelu=ops} forces the
     * composed nd4j ops everywhere (a cross-check; tests compare the two), for activations made while it is set.
     */
    public static boolean fused(INDArray array) {
        return HostArrays.hostKernels() && HostArrays.simd() && HostArrays.contiguousFloats(array);
    }

    /** Whether this activation was made with {@code suite.gelu=ops}. */
    boolean opsOnly() {
        return opsOnly;
    }

    /** GELU as nd4j ops, in place: the portable path. */
    static INDArray composedActivation(INDArray in) {
        return in.muli(cdf(in));
    }

    /** ε·GELU'(x) as nd4j ops, written into {@code in}: the portable path. */
    static Pair<INDArray, INDArray> composedBackprop(INDArray in, INDArray epsilon) {
        INDArray cdf = cdf(in);
        // φ(x) = exp(−x²/2)/√(2π)
        INDArray pdf = Transforms.exp(in.mul(in).muli(-0.5), false).muli(INV_SQRT_2PI);
        INDArray derivative = pdf.muli(in).addi(cdf);
        in.assign(derivative.muli(epsilon));
        return new Pair<>(in, null);
    }

    /** Φ(x) = ½(1 + erf(x/√2)), a new array. */
    private static INDArray cdf(INDArray x) {
        INDArray scaled = x.mul(INV_SQRT2);
        Nd4j.exec(new Erf(scaled, scaled));
        return scaled.addi(1).muli(0.5);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactGelu;
    }

    @Override
    public int hashCode() {
        return ExactGelu.class.hashCode();
    }

    @Override
    public String toString() {
        return "gelu(erf)";
    }
}
