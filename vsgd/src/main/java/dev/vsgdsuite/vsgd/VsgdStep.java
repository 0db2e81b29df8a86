package dev.vsgdsuite.vsgd;

import java.nio.FloatBuffer;

/**
 * The VSGD update rule of docs/PROTOCOL.md §1 as a scalar loop over explicit state: this is the one place where
 * the math lives, written to be read beside docs/PROTOCOL.md §1. Everything is element-wise and in float32, as
 * the authors compute it (a float64 version drifts away from their trajectories).
 *
 * <p>Names follow docs/PROTOCOL.md and the authors' code: {@code ĝ} is the minibatch gradient, {@code mug}
 * (μ) the posterior mean of the true gradient, {@code bg} and {@code bhg} (Bg, Bh) the running 2·b of
 * the Gamma posteriors of the precisions of g and ĝ, {@code t} the 1-based step count of the block.
 *
 * <p>Decoupled weight decay is not here: it needs θ, which a DL4J updater never sees. DL4J applies it
 * after this step as the {@code WeightDecay} that {@link DecoupledWeightDecay} installs, the same
 * arithmetic (docs/PROTOCOL.md §1).
 *
 * <p>Stateless; one step over disjoint index ranges may run in parallel, since no element reads
 * another.
 */
final class VsgdStep {

    private VsgdStep() {}

    /**
     * One VSGD step for the elements {@code [from, to)}. Reads ĝ from {@code grad}, updates mug, bg,
     * bhg in place and overwrites {@code grad} with the update η·μ/(sqrt(E[g²]) + ε), which the caller
     * subtracts from θ. All buffers are indexed from 0 (pass views positioned at the array offsets).
     */
    static void apply(VsgdCoefficients.Step c, VsgdState<FloatBuffer> state, FloatBuffer grad, int from, int to) {
        final FloatBuffer mug = state.mug();
        final FloatBuffer bg = state.bg();
        final FloatBuffer bhg = state.bhg();
        final boolean first = c.first();
        final float a = c.a();
        final float b0g = c.b0g();
        final float b0h = c.b0h();
        final float priorSg = c.priorSg();
        final float priorSh = c.priorSh();
        final float rho1 = c.rho1();
        final float rho2 = c.rho2();
        final float keep1 = 1f - rho1;
        final float keep2 = 1f - rho2;
        final float eps = c.eps();
        final float lr = c.lr();
        for (int i = from; i < to; i++) {
            float gHat = grad.get(i);
            float muPrev = mug.get(i);
            float bgOld = bg.get(i);
            float bhOld = bhg.get(i);

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

            mug.put(i, muNew);
            bg.put(i, keep1 * bgOld + rho1 * bgNew);
            bhg.put(i, keep2 * bhOld + rho2 * bhNew);
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
