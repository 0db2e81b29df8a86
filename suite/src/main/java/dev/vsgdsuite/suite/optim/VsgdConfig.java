package dev.vsgdsuite.suite.optim;

import static dev.vsgdsuite.suite.optim.OptimizerType.check;

import java.util.List;

import dev.vsgdsuite.suite.schema.Key;
import dev.vsgdsuite.vsgd.Vsgd;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * VSGD, the authors' optimizer (docs/PROTOCOL.md §1), with their keyword names and defaults.
 * The ranges are those under which the update is defined (the first step divides by the prior
 * strength; the SVI step sizes t^(−κ) need κ in (0.5, 1] to converge).
 */
public record VsgdConfig(double lr, double weightDecay, double ps, double ghattg, double tau1, double tau2,
                         double eps) implements OptimizerConfig {

    static final Key<Double> PS = Key.number("ps", Vsgd.DEFAULT_PS, "γ, prior strength of the Gamma priors",
            v -> v > 0, "> 0");
    static final Key<Double> GHATTG = Key.number("ghattg", Vsgd.DEFAULT_GHATTG,
            "K_g, prior variance ratio Var(ĝ − g) / Var(g_t − g_{t−1})", v -> v > 0, "> 0");
    static final Key<Double> TAU1 = Key.number("tau1", Vsgd.DEFAULT_TAU1,
            "κ1, SVI forgetting exponent for the Gamma parameters of g", v -> v > 0.5 && v <= 1, "in (0.5, 1]");
    static final Key<Double> TAU2 = Key.number("tau2", Vsgd.DEFAULT_TAU2,
            "κ2, SVI forgetting exponent for the Gamma parameters of ĝ", v -> v > 0.5 && v <= 1, "in (0.5, 1]");
    static final Key<Double> EPS = Key.number("eps", Vsgd.DEFAULT_EPS, "ε, floor added to sqrt(E[g²])",
            v -> v > 0, "> 0");

    public static final OptimizerType<VsgdConfig> TYPE = new OptimizerType<>("vsgd",
            "Variational SGD (Kuzina et al.), the authors' update in float32", WeightDecayMode.DECOUPLED,
            List.of(PS, GHATTG, TAU1, TAU2, EPS),
            s -> new VsgdConfig(LR.read(s), WeightDecayMode.DECOUPLED.key().read(s), PS.read(s), GHATTG.read(s),
                    TAU1.read(s), TAU2.read(s), EPS.read(s)));

    public VsgdConfig {
        check(LR, lr);
        check(WeightDecayMode.DECOUPLED.key(), weightDecay);
        check(PS, ps);
        check(GHATTG, ghattg);
        check(TAU1, tau1);
        check(TAU2, tau2);
        check(EPS, eps);
    }

    @Override
    public OptimizerType<VsgdConfig> type() {
        return TYPE;
    }

    @Override
    public IUpdater updater(ISchedule schedule) {
        return Vsgd.builder().learningRate(lr).learningRateSchedule(schedule).ps(ps).ghattg(ghattg).tau1(tau1)
                .tau2(tau2).eps(eps).build();
    }
}
