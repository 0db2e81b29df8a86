package dev.vsgdsuite.suite.optim;

import java.nio.FloatBuffer;

/**
 * One step of {@link TorchAdam}: its coefficients, rounded to float once per step as torch rounds its
 * Python scalars when it hands them to a float32 kernel, and the step itself as a loop over float
 * buffers, the reference the other kernels ({@link TorchAdamLanes}, nd4j ops) follow operation for
 * operation. Per element, in torch's order:
 * <pre>
 * m ← m·β1 + (1 − β1)·g                       (exp_avg.mul_(β1).add_(g, alpha=1 − β1))
 * v ← v·β2 + ((1 − β2)·g)·g                   (exp_avg_sq.mul_(β2).addcmul_(g, g, value=1 − β2))
 * denom = √v / √(1 − β2ᵗ) + ε                 ((exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(ε))
 * update = (stepSize·m) / denom, stepSize = η / (1 − β1ᵗ)   (param.addcdiv_(m, denom, value=−stepSize))
 * </pre>
 * The bias corrections are computed in double from the step count, as torch computes them in Python.
 *
 * @param beta1             β1
 * @param oneMinusBeta1     1 − β1, rounded once from double
 * @param beta2             β2
 * @param oneMinusBeta2     1 − β2, rounded once from double
 * @param stepSize          η / (1 − β1ᵗ)
 * @param biasCorrection2Sqrt √(1 − β2ᵗ)
 * @param eps               ε
 */
record TorchAdamStep(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float stepSize,
                     float biasCorrection2Sqrt, float eps) {

    /** The coefficients of step {@code t} (1-based) at learning rate {@code lr}. */
    static TorchAdamStep of(TorchAdam config, long t, double lr) {
        double biasCorrection1 = 1 - Math.pow(config.getBeta1(), t);
        double biasCorrection2 = 1 - Math.pow(config.getBeta2(), t);
        return new TorchAdamStep((float) config.getBeta1(), (float) (1 - config.getBeta1()),
                (float) config.getBeta2(), (float) (1 - config.getBeta2()), (float) (lr / biasCorrection1),
                (float) Math.sqrt(biasCorrection2), (float) config.getEps());
    }

    /** The step for elements {@code [from, to)}: m and v updated in place, {@code grad} overwritten by the update. */
    void apply(FloatBuffer m, FloatBuffer v, FloatBuffer grad, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = grad.get(i);
            float mNew = m.get(i) * beta1 + oneMinusBeta1 * g;
            float vNew = v.get(i) * beta2 + oneMinusBeta2 * g * g;
            // A float's square root rounded from double is the correctly rounded float square root.
            float denom = (float) Math.sqrt(vNew) / biasCorrection2Sqrt + eps;
            m.put(i, mNew);
            v.put(i, vNew);
            grad.put(i, stepSize * mNew / denom);
        }
    }
}
