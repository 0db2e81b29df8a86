package dev.vsgdsuite.suite.optim;

import static dev.vsgdsuite.suite.optim.OptimizerType.check;

import java.util.List;

import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Key;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * SGD as torch.optim.SGD (dampening 0): plain when {@code momentum} is 0, else heavy-ball momentum
 * ({@link SgdMomentum}), Nesterov's variant on request; weight decay as an L2 term.
 */
public record SgdConfig(double lr, double weightDecay, double momentum, boolean nesterov) implements OptimizerConfig {

    static final Key<Double> MOMENTUM = Key.number("momentum", 0.0,
            "μ, heavy-ball momentum: buf ← μ·buf + g, step η·buf (0: plain SGD)", v -> v >= 0 && v < 1, "in [0, 1)");
    static final Key<Boolean> NESTEROV = Key.flag("nesterov", false,
            "Nesterov's variant: step η·(g + μ·buf); needs momentum > 0, as torch");

    public static final OptimizerType<SgdConfig> TYPE = new OptimizerType<>("sgd",
            "SGD, with heavy-ball momentum when momentum > 0, as torch.optim.SGD", WeightDecayMode.L2,
            List.of(MOMENTUM, NESTEROV),
            s -> new SgdConfig(LR.read(s), WeightDecayMode.L2.key().read(s), MOMENTUM.read(s), NESTEROV.read(s)));

    public SgdConfig {
        check(LR, lr);
        check(WeightDecayMode.L2.key(), weightDecay);
        check(MOMENTUM, momentum);
        if (nesterov && momentum == 0) {
            throw new ConfigException("optimizer.nesterov = true is invalid: it needs optimizer.momentum > 0 (as torch); "
                    + "set a momentum or nesterov=false.");
        }
    }

    @Override
    public OptimizerType<SgdConfig> type() {
        return TYPE;
    }

    @Override
    public IUpdater updater(ISchedule schedule) {
        if (momentum > 0) {
            return new SgdMomentum(lr, schedule, momentum, nesterov);
        }
        return schedule == null ? new Sgd(lr) : new Sgd(schedule);
    }
}
