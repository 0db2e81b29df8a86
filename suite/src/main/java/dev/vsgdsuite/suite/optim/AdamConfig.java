package dev.vsgdsuite.suite.optim;

import static dev.vsgdsuite.suite.optim.OptimizerType.check;

import java.util.List;

import dev.vsgdsuite.suite.schema.Key;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/** Adam with L2 weight decay added to the gradient, torch.optim.Adam's defaults; DL4J's Adam updater. */
public record AdamConfig(double lr, double weightDecay, double beta1, double beta2, double eps)
        implements OptimizerConfig {

    static final Key<Double> BETA1 = Key.number("beta1", 0.9, "β1, decay of the first-moment average",
            v -> v >= 0 && v < 1, "in [0, 1)");
    static final Key<Double> BETA2 = Key.number("beta2", 0.999, "β2, decay of the second-moment average",
            v -> v >= 0 && v < 1, "in [0, 1)");
    static final Key<Double> EPS = Key.number("eps", 1e-8, "ε, added to the denominator", v -> v > 0, "> 0");

    public static final OptimizerType<AdamConfig> TYPE = new OptimizerType<>("adam",
            "Adam (Kingma & Ba), weight decay as an L2 term as torch.optim.Adam", WeightDecayMode.L2,
            List.of(BETA1, BETA2, EPS),
            s -> new AdamConfig(LR.read(s), WeightDecayMode.L2.key().read(s), BETA1.read(s), BETA2.read(s),
                    EPS.read(s)));

    public AdamConfig {
        check(LR, lr);
        check(WeightDecayMode.L2.key(), weightDecay);
        check(BETA1, beta1);
        check(BETA2, beta2);
        check(EPS, eps);
    }

    @Override
    public OptimizerType<AdamConfig> type() {
        return TYPE;
    }

    @Override
    public IUpdater updater(ISchedule schedule) {
        return adam(lr, schedule, beta1, beta2, eps);
    }

    static IUpdater adam(double lr, ISchedule schedule, double beta1, double beta2, double eps) {
        return Adam.builder().learningRate(lr).learningRateSchedule(schedule).beta1(beta1).beta2(beta2).epsilon(eps)
                .build();
    }
}
