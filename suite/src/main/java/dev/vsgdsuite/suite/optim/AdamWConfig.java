package dev.vsgdsuite.suite.optim;

import static dev.vsgdsuite.suite.optim.OptimizerType.check;

import java.util.List;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * AdamW (Loshchilov & Hutter) as torch.optim.AdamW: θ ← θ − η·λ·θ, then Adam's step. The step is
 * {@link TorchAdam} (or DL4J's Adam with {@code impl: dl4j}); the decay is DL4J's decoupled
 * {@code WeightDecay} ({@link WeightDecayMode#DECOUPLED}), which adds η·λ·θ to the update: the same
 * arithmetic, since the Adam step does not read θ.
 */
public record AdamWConfig(double lr, double weightDecay, double beta1, double beta2, double eps, AdamStep impl)
        implements OptimizerConfig {

    public static final OptimizerType<AdamWConfig> TYPE = new OptimizerType<>("adamw",
            "AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, as torch.optim.AdamW",
            WeightDecayMode.DECOUPLED, List.of(AdamConfig.BETA1, AdamConfig.BETA2, AdamConfig.EPS, AdamConfig.IMPL),
            s -> new AdamWConfig(LR.read(s), WeightDecayMode.DECOUPLED.key().read(s), AdamConfig.BETA1.read(s),
                    AdamConfig.BETA2.read(s), AdamConfig.EPS.read(s), AdamStep.of(AdamConfig.IMPL.read(s))));

    public AdamWConfig {
        check(LR, lr);
        check(WeightDecayMode.DECOUPLED.key(), weightDecay);
        check(AdamConfig.BETA1, beta1);
        check(AdamConfig.BETA2, beta2);
        check(AdamConfig.EPS, eps);
        java.util.Objects.requireNonNull(impl, "impl");
    }

    /** torch's update ({@code impl: torch}). */
    public AdamWConfig(double lr, double weightDecay, double beta1, double beta2, double eps) {
        this(lr, weightDecay, beta1, beta2, eps, AdamStep.TORCH);
    }

    @Override
    public OptimizerType<AdamWConfig> type() {
        return TYPE;
    }

    @Override
    public IUpdater updater(ISchedule schedule) {
        return impl.updater(lr, schedule, beta1, beta2, eps);
    }
}
