package dev.vsgdsuite.suite.optim;

import static dev.vsgdsuite.suite.optim.OptimizerType.check;

import java.util.List;

import dev.vsgdsuite.suite.schema.Key;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Adam as torch.optim.Adam, with its defaults and weight decay as an L2 term added to the gradient:
 * the suite's {@link TorchAdam}, or DL4J's own Adam with {@code impl: dl4j}.
 */
public record AdamConfig(double lr, double weightDecay, double beta1, double beta2, double eps, AdamStep impl)
        implements OptimizerConfig {

    static final Key<Double> BETA1 = Key.number("beta1", TorchAdam.DEFAULT_BETA1,
            "β1, decay of the first-moment average", v -> v >= 0 && v < 1, "in [0, 1)");
    static final Key<Double> BETA2 = Key.number("beta2", TorchAdam.DEFAULT_BETA2,
            "β2, decay of the second-moment average", v -> v >= 0 && v < 1, "in [0, 1)");
    static final Key<Double> EPS = Key.number("eps", TorchAdam.DEFAULT_EPS, "ε, added to the denominator",
            v -> v > 0, "> 0");
    static final Key<String> IMPL = Key.choice("impl", AdamStep.TORCH.yamlName(),
            "`torch`: torch.optim's step, ε added after the bias correction of √v (TorchAdam); "
                    + "`dl4j`: DL4J's Adam, ε added before it, an effective ε/√(1−β2ᵗ)",
            AdamStep.yamlNames());

    public static final OptimizerType<AdamConfig> TYPE = new OptimizerType<>("adam",
            "Adam (Kingma & Ba) as torch.optim.Adam, weight decay as an L2 term", WeightDecayMode.L2,
            List.of(BETA1, BETA2, EPS, IMPL),
            s -> new AdamConfig(LR.read(s), WeightDecayMode.L2.key().read(s), BETA1.read(s), BETA2.read(s),
                    EPS.read(s), AdamStep.of(IMPL.read(s))));

    public AdamConfig {
        check(LR, lr);
        check(WeightDecayMode.L2.key(), weightDecay);
        check(BETA1, beta1);
        check(BETA2, beta2);
        check(EPS, eps);
        java.util.Objects.requireNonNull(impl, "impl");
    }

    /** torch's update ({@code impl: torch}). */
    public AdamConfig(double lr, double weightDecay, double beta1, double beta2, double eps) {
        this(lr, weightDecay, beta1, beta2, eps, AdamStep.TORCH);
    }

    @Override
    public OptimizerType<AdamConfig> type() {
        return TYPE;
    }

    @Override
    public IUpdater updater(ISchedule schedule) {
        return impl.updater(lr, schedule, beta1, beta2, eps);
    }
}
