package dev.vsgdsuite.suite.train;

import dev.vsgdsuite.suite.optim.SchedulerConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The learning rate of each iteration. Step and cosine schedules live inside the updater (DL4J asks
 * them every iteration); this mirrors them for logging. Plateau reduction needs the validation loss,
 * so it is applied here, by setting the network's learning rate (torch ReduceLROnPlateau, mode min,
 * relative threshold).
 */
final class LearningRate {

    private final double base;
    private final SchedulerConfig config;
    private final ISchedule schedule;
    private final ComputationGraph graph;

    LearningRate(double base, SchedulerConfig config, ComputationGraph graph, TrainerState s) {
        this.base = base;
        this.config = config;
        this.schedule = config.schedule(base);
        this.graph = graph;
        if (config instanceof SchedulerConfig.Plateau && Double.isNaN(s.plateauLr)) {
            s.plateauLr = base;
        }
    }

    /** The rate DL4J applies at 0-based {@code iteration}. */
    double at(long iteration, TrainerState s) {
        if (schedule != null) {
            return schedule.valueAt((int) iteration, 0);
        }
        return config instanceof SchedulerConfig.Plateau ? s.plateauLr : base;
    }

    void observeValidationLoss(double loss, TrainerState s) {
        if (!(config instanceof SchedulerConfig.Plateau plateau)) {
            return;
        }
        if (loss < s.plateauBest * (1 - plateau.threshold())) {
            s.plateauBest = loss;
            s.plateauBad = 0;
        } else {
            s.plateauBad++;
        }
        if (s.plateauCooldown > 0) {
            s.plateauCooldown--;
            s.plateauBad = 0;
        }
        if (s.plateauBad > plateau.patience()) {
            double next = Math.max(s.plateauLr * plateau.factor(), plateau.minLr());
            if (s.plateauLr - next > 1e-8) {
                s.plateauLr = next;
                graph.setLearningRate(next);
            }
            s.plateauCooldown = plateau.cooldown();
            s.plateauBad = 0;
        }
    }
}
