package dev.vsgdsuite.suite.optim;

import static dev.vsgdsuite.suite.optim.OptimizerType.check;

import java.util.List;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * AdamW (Loshchilov & Hutter): Adam's moments with decoupled weight decay, as torch.optim.AdamW.
 * DL4J has no AdamW updater: it is DL4J's Adam plus the decoupled decay pass.
 */
public record AdamWConfig(double lr, double weightDecay, double beta1, double beta2, double eps)
        implements OptimizerConfig {

    public static final OptimizerType<AdamWConfig> TYPE = new OptimizerType<>("adamw",
            "AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, as torch.optim.AdamW",
            WeightDecayMode.DECOUPLED, List.of(AdamConfig.BETA1, AdamConfig.BETA2, AdamConfig.EPS),
            s -> new AdamWConfig(LR.read(s), WeightDecayMode.DECOUPLED.key().read(s), AdamConfig.BETA1.read(s),
                    AdamConfig.BETA2.read(s), AdamConfig.EPS.read(s)));

    public AdamWConfig {
        check(LR, lr);
        check(WeightDecayMode.DECOUPLED.key(), weightDecay);
        check(AdamConfig.BETA1, beta1);
        check(AdamConfig.BETA2, beta2);
        check(AdamConfig.EPS, eps);
    }

    @Override
    public OptimizerType<AdamWConfig> type() {
        return TYPE;
    }

    @Override
    public IUpdater updater(ISchedule schedule) {
        return AdamConfig.adam(lr, schedule, beta1, beta2, eps);
    }
}
