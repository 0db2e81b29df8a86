package dev.vsgdsuite.vsgd;

/**
 * The constants of the VSGD update (docs/PROTOCOL.md §1) for one configuration, in float32 as the authors compute
 * them, and from them the values of one step ({@link #forStep}). Built once per updater; every kernel
 * reads the same {@link Step}, so the three kernels cannot disagree on a coefficient.
 */
final class VsgdCoefficients {

    /** The authors add 1e-4 to the Gamma shape so that A − 1 &gt; 0 even for γ → 0. */
    static final double SHAPE_OFFSET = 1e-4;

    /** A = 2γ + 1 + 1e-4: twice the Gamma shape, the same for g and ĝ. */
    private final float a;
    /** B0g = 2γ: twice the prior rate for g. */
    private final float b0g;
    /** B0h = 2·K_g·γ: twice the prior rate for ĝ. */
    private final float b0h;
    /** Prior variance of g_t − g_{t−1} used on the first step: B0g/(A−1). */
    private final float priorSg;
    /** Prior variance of ĝ − g used on the first step: B0h/(A−1). */
    private final float priorSh;
    /** κ1, κ2: the SVI forgetting exponents of the Gamma parameters of g and ĝ. */
    private final double tau1;
    private final double tau2;
    private final float eps;

    VsgdCoefficients(Vsgd config) {
        this(config.getPs(), config.getGhattg(), config.getTau1(), config.getTau2(), config.getEps());
    }

    VsgdCoefficients(double ps, double ghattg, double tau1, double tau2, double eps) {
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
     * The values of step {@code t}.
     *
     * @param t  1-based step count of the parameter block
     * @param lr η for this step (after any schedule)
     */
    Step forStep(long t, float lr) {
        return new Step(t, a, b0g, b0h, priorSg, priorSh, rho(t, tau1), rho(t, tau2), eps, lr);
    }

    /**
     * Everything one step of one block needs besides the buffers: the configuration's constants and
     * this step's SVI step sizes ρ1 = t^(−κ1), ρ2 = t^(−κ2) and learning rate η.
     */
    record Step(long t, float a, float b0g, float b0h, float priorSg, float priorSh,
                float rho1, float rho2, float eps, float lr) {

        /** The block's first step uses the prior variances priorSg, priorSh instead of Bg/A, Bh/A. */
        boolean first() {
            return t == 1;
        }
    }
}
