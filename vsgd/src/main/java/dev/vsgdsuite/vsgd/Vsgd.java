package dev.vsgdsuite.vsgd;

import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Variational Stochastic Gradient Descent (Kuzina, Chen, Esmaeili, Tomczak, TMLR 2025) as a
 * DeepLearning4J updater configuration.
 *
 * <p>Hyper-parameters carry the authors' names ({@code lr, ps, ghattg, tau1, tau2, eps}) and defaults;
 * each is documented on its field. Values are validated here, at construction (also when read back
 * from JSON), so a network can never be built around a configuration the math cannot run.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>Build: {@code Vsgd.builder().learningRate(0.01).ps(1e-7).build()}, or {@code new Vsgd()} for
 *       the defaults.</li>
 *   <li>Attach: {@code new NeuralNetConfiguration.Builder().updater(vsgd)}; for the authors' decoupled
 *       weight decay on weights <em>and</em> biases, pass the built configuration through
 *       {@link DecoupledWeightDecay#apply} (not the builder's {@code weightDecay}: see there why).</li>
 *   <li>DL4J groups consecutive parameters with equal updater configurations into blocks and calls
 *       {@link #instantiate(INDArray, boolean)} once per block with a view of {@link #stateSize(long)}
 *       floats per parameter tensor; the returned {@link VsgdUpdater} owns that view.</li>
 *   <li>Each iteration DL4J hands the block's gradient to {@link VsgdUpdater#applyUpdater}, which
 *       overwrites it in place with the update that DL4J then subtracts from the parameters.</li>
 *   <li>The state (mug, bg, bhg and the step count) lives in the network's updater state array and is
 *       saved and restored with the model by {@code ModelSerializer}.</li>
 * </ol>
 *
 * <p>Instances are value objects: {@link #equals} compares every hyper-parameter, which is what lets
 * DL4J merge blocks. {@link #setLrAndSchedule} exists because DL4J's {@code IUpdater} contract
 * requires it (used by its learning-rate utilities); it validates like the constructor.
 */
public final class Vsgd implements IUpdater {

    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LR = 0.1;
    public static final double DEFAULT_PS = 1e-8;
    public static final double DEFAULT_GHATTG = 30.0;
    public static final double DEFAULT_TAU1 = 0.81;
    public static final double DEFAULT_TAU2 = 0.9;
    public static final double DEFAULT_EPS = 1e-8;

    /** η ({@code lr}): learning rate, ≥ 0. Ignored when {@link #learningRateSchedule} is set. */
    @JsonProperty("learningRate")
    private double learningRate;

    /** Learning-rate schedule over DL4J's (iteration, epoch); null for a constant {@link #learningRate}. */
    @JsonProperty("learningRateSchedule")
    private ISchedule learningRateSchedule;

    /**
     * γ ({@code ps}): prior strength of the Gamma priors, &gt; 0. It sets the prior precisions used on
     * the first step; at 0 the first step would divide 0 by 0.
     */
    @JsonProperty("ps")
    private final double ps;

    /**
     * K_g ({@code ghattg}): prior variance ratio Var(ĝ−g)/Var(g_t−g_{t−1}), &gt; 0: how much noisier
     * the minibatch gradient is assumed to be than the drift of the true gradient.
     */
    @JsonProperty("ghattg")
    private final double ghattg;

    /** κ1 ({@code tau1}): SVI forgetting exponent for the Gamma parameters of g, in (0.5, 1]. */
    @JsonProperty("tau1")
    private final double tau1;

    /** κ2 ({@code tau2}): SVI forgetting exponent for the Gamma parameters of ĝ, in (0.5, 1]. */
    @JsonProperty("tau2")
    private final double tau2;

    /** ε ({@code eps}): numerical floor added to sqrt(E[g²]) in the denominator, &gt; 0. */
    @JsonProperty("eps")
    private final double eps;

    /** The authors' defaults: lr 0.1, ps 1e-8, ghattg 30, tau1 0.81, tau2 0.9, eps 1e-8. */
    public Vsgd() {
        this(DEFAULT_LR, null, DEFAULT_PS, DEFAULT_GHATTG, DEFAULT_TAU1, DEFAULT_TAU2, DEFAULT_EPS);
    }

    /** The defaults with a constant learning rate. */
    public Vsgd(double learningRate) {
        this(learningRate, null, DEFAULT_PS, DEFAULT_GHATTG, DEFAULT_TAU1, DEFAULT_TAU2, DEFAULT_EPS);
    }

    @JsonCreator
    public Vsgd(@JsonProperty("learningRate") double learningRate,
                @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                @JsonProperty("ps") double ps,
                @JsonProperty("ghattg") double ghattg,
                @JsonProperty("tau1") double tau1,
                @JsonProperty("tau2") double tau2,
                @JsonProperty("eps") double eps) {
        this.learningRate = requireLearningRate(learningRate);
        this.learningRateSchedule = learningRateSchedule;
        this.ps = require("ps", ps, ps > 0, "> 0 (at 0 the first step divides 0 by 0)");
        this.ghattg = require("ghattg", ghattg, ghattg > 0, "> 0 (at 0 the first step divides 0 by 0)");
        this.tau1 = require("tau1", tau1, tau1 > 0.5 && tau1 <= 1,
                "in (0.5, 1] (SVI step sizes t^-tau need sum = inf, sum of squares < inf)");
        this.tau2 = require("tau2", tau2, tau2 > 0.5 && tau2 <= 1,
                "in (0.5, 1] (SVI step sizes t^-tau need sum = inf, sum of squares < inf)");
        this.eps = require("eps", eps, eps > 0, "> 0");
    }

    public static Builder builder() {
        return new Builder();
    }

    public double getLearningRate() { return learningRate; }
    public ISchedule getLearningRateSchedule() { return learningRateSchedule; }
    public double getPs() { return ps; }
    public double getGhattg() { return ghattg; }
    public double getTau1() { return tau1; }
    public double getTau2() { return tau2; }
    public double getEps() { return eps; }

    /**
     * Three floats per parameter (mug, bg, bhg: μ, Bg, Bh) plus one per parameter tensor, which holds the block's
     * step count so that restored or late-starting blocks count their own steps, as the authors'
     * per-parameter {@code state['step']} does.
     */
    @Override
    public long stateSize(long numParams) {
        return 3 * numParams + 1;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        VsgdUpdater updater = new VsgdUpdater(this);
        updater.setStateViewArray(viewArray, null, viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        VsgdUpdater updater = new VsgdUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = requireLearningRate(lr);
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public Vsgd clone() {
        ISchedule schedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        return new Vsgd(learningRate, schedule, ps, ghattg, tau1, tau2, eps);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Vsgd)) return false;
        Vsgd v = (Vsgd) o;
        return Double.compare(learningRate, v.learningRate) == 0
                && Objects.equals(learningRateSchedule, v.learningRateSchedule)
                && Double.compare(ps, v.ps) == 0
                && Double.compare(ghattg, v.ghattg) == 0
                && Double.compare(tau1, v.tau1) == 0
                && Double.compare(tau2, v.tau2) == 0
                && Double.compare(eps, v.eps) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, ps, ghattg, tau1, tau2, eps);
    }

    @Override
    public String toString() {
        return "Vsgd(lr=" + learningRate
                + ", lrSchedule=" + learningRateSchedule
                + ", ps=" + ps
                + ", ghattg=" + ghattg
                + ", tau1=" + tau1
                + ", tau2=" + tau2
                + ", eps=" + eps + ")";
    }

    private static double requireLearningRate(double lr) {
        return require("lr", lr, lr >= 0, ">= 0");
    }

    static double require(String field, double value, boolean valid, String range) {
        if (!valid || !Double.isFinite(value)) {
            throw new IllegalArgumentException("VSGD hyper-parameter '" + field + "' = " + value
                    + " is invalid: it must be finite and " + range + ".");
        }
        return value;
    }

    /** Builder over the authors' names; unset values take the defaults. */
    public static final class Builder {
        private double learningRate = DEFAULT_LR;
        private ISchedule learningRateSchedule;
        private double ps = DEFAULT_PS;
        private double ghattg = DEFAULT_GHATTG;
        private double tau1 = DEFAULT_TAU1;
        private double tau2 = DEFAULT_TAU2;
        private double eps = DEFAULT_EPS;

        private Builder() {}

        /** η, the authors' {@code lr}. */
        public Builder learningRate(double lr) { this.learningRate = lr; return this; }
        public Builder learningRateSchedule(ISchedule schedule) { this.learningRateSchedule = schedule; return this; }
        /** γ, prior strength. */
        public Builder ps(double ps) { this.ps = ps; return this; }
        /** K_g, prior variance ratio. */
        public Builder ghattg(double ghattg) { this.ghattg = ghattg; return this; }
        /** κ1, forgetting exponent for g. */
        public Builder tau1(double tau1) { this.tau1 = tau1; return this; }
        /** κ2, forgetting exponent for ĝ. */
        public Builder tau2(double tau2) { this.tau2 = tau2; return this; }
        public Builder eps(double eps) { this.eps = eps; return this; }

        public Vsgd build() {
            return new Vsgd(learningRate, learningRateSchedule, ps, ghattg, tau1, tau2, eps);
        }
    }
}
