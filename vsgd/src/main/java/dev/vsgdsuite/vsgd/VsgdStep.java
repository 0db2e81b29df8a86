package dev.vsgdsuite.vsgd;

import java.nio.FloatBuffer;

/**
 * The VSGD update rule of SPEC §1, as a pure function over explicit state: this is the one place
 * where the math lives, written to be read beside the SPEC. Everything is element-wise and in
 * float32, as the authors compute it (a float64 version drifts away from their trajectories).
 *
 * <p>Names follow the SPEC: {@code ĝ} is the minibatch gradient, {@code μ} the posterior mean of the
 * true gradient, {@code Bg} and {@code Bh} the running 2·b of the Gamma posteriors of the precisions
 * of g and ĝ, {@code t} the 1-based step count of the parameter block.
 *
 * <p>Decoupled weight decay is not here: it needs θ, which a DL4J updater never sees. DL4J applies it
 * after this step as {@link Vsgd#decoupledWeightDecay(double)}, the same arithmetic (SPEC §1).
 *
 * <p>Instances are immutable and thread-safe; one step over disjoint index ranges may run in
 * parallel, since no element reads another.
 */
public final class VsgdStep {

    /** The authors add 1e-4 to the Gamma shape so that A − 1 &gt; 0 even for γ → 0. */
    static final double SHAPE_OFFSET = 1e-4;

    /** A = 2γ + 1 + 1e-4: twice the Gamma shape, the same for g and ĝ. */
    final float a;
    /** B0g = 2γ: twice the prior rate for g. */
    final float b0g;
    /** B0h = 2·K_g·γ: twice the prior rate for ĝ. */
    final float b0h;
    /** Prior variances used on the first step: B0g/(A−1) and B0h/(A−1). */
    final float priorSg;
    final float priorSh;
    final double tau1;
    final double tau2;
    final float eps;

    public VsgdStep(Vsgd config) {
        this(config.getPs(), config.getGhattg(), config.getTau1(), config.getTau2(), config.getEps());
    }

    VsgdStep(double ps, double ghattg, double tau1, double tau2, double eps) {
        this.a = (float) (2 * ps + 1 + SHAPE_OFFSET);
        this.b0g = (float) (2 * ps);
        this.b0h = (float) (2 * ghattg * ps);
        this.priorSg = b0g / (a - 1f);
        this.priorSh = b0h / (a - 1f);
        this.tau1 = tau1;
        this.tau2 = tau2;
        this.eps = (float) eps;
    }

    /** SVI step size ρ = t^(−κ) for 1-based step t, as the authors' float32 {@code step ** (-tau)}. */
    static float rho(long t, double kappa) {
        return (float) Math.pow((float) t, (float) -kappa);
    }

    /**
     * One VSGD step for the elements {@code [from, to)}. Reads ĝ from {@code grad}, updates μ, Bg, Bh
     * in place and overwrites {@code grad} with the update η·μ/(sqrt(E[g²]) + ε), which the caller
     * subtracts from θ. All buffers are indexed from 0 (pass slices positioned at the array offsets).
     *
     * @param t  1-based step count of this block
     * @param lr η for this step (after any schedule)
     */
    public void apply(long t, float lr, FloatBuffer grad, FloatBuffer mu, FloatBuffer bg, FloatBuffer bh,
                      int from, int to) {
        final boolean first = t == 1;
        final float rho1 = rho(t, tau1);
        final float rho2 = rho(t, tau2);
        final float keep1 = 1f - rho1;
        final float keep2 = 1f - rho2;
        for (int i = from; i < to; i++) {
            float gHat = grad.get(i);
            float muPrev = mu.get(i);
            float bgOld = bg.get(i);
            float bhOld = bh.get(i);

            // Expected variances of g_t − g_{t−1} and of ĝ − g: the prior on the first step.
            float sg = first ? priorSg : bgOld / a;
            float sh = first ? priorSh : bhOld / a;

            // Posterior of the true gradient: a precision-weighted mean of ĝ and the previous mean.
            float sum = sg + sh;
            float muNew = (gHat * sg + muPrev * sh) / sum;
            float sigma2 = sg * sh / sum;
            float m2 = sigma2 + muNew * muNew;                       // E[g²]

            // Expected squared residuals, then the SVI update of the Gamma rates.
            float bgNew = b0g + m2 - 2f * muNew * muPrev + muPrev * muPrev;
            float bhNew = b0h + m2 - 2f * gHat * muNew + gHat * gHat;

            mu.put(i, muNew);
            bg.put(i, keep1 * bgOld + rho1 * bgNew);
            bh.put(i, keep2 * bhOld + rho2 * bhNew);
            // The authors' order: lr / (sqrt(E[g²]) + ε), then × μ.
            grad.put(i, lr / ((float) Math.sqrt(m2) + eps) * muNew);
        }
    }

    /** Index of the first non-finite value in {@code [from, to)}, or −1. */
    static int firstNonFinite(FloatBuffer values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
