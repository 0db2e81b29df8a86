package dev.vsgdsuite.suite.optim;

import dev.vsgdsuite.suite.schema.Section;

/**
 * The learning-rate schedule, stepped every iteration as the authors do.
 *
 * @param name     none, step, cosine or plateau
 * @param stepSize step: iterations between halvings; @param gamma step: factor
 * @param tMax     cosine: period in iterations; @param etaMin cosine: floor
 * @param factor   plateau: factor; patience/threshold/cooldown/minLr as torch ReduceLROnPlateau
 */
public record SchedulerConfig(String name, int stepSize, double gamma, long tMax, double etaMin, double factor,
                              int patience, double threshold, int cooldown, double minLr) {

    public static SchedulerConfig from(Section s, long maxIter) {
        String name = s.string("name");
        switch (name) {
            case "none":
                return new SchedulerConfig(name, 0, 1, 0, 0, 1, 0, 0, 0, 0);
            case "step": {
                int step = s.integer("step_size");
                s.check(step >= 1, "step_size", step, ">= 1");
                double gamma = s.number("gamma");
                s.check(gamma > 0 && gamma <= 1, "gamma", gamma, "in (0, 1]");
                return new SchedulerConfig(name, step, gamma, 0, 0, 1, 0, 0, 0, 0);
            }
            case "cosine": {
                long tMax = s.has("t_max") ? s.longInteger("t_max") : maxIter;
                s.check(tMax >= 1, "t_max", tMax, ">= 1");
                double etaMin = s.number("eta_min");
                s.check(etaMin >= 0, "eta_min", etaMin, ">= 0");
                return new SchedulerConfig(name, 0, 1, tMax, etaMin, 1, 0, 0, 0, 0);
            }
            case "plateau": {
                double factor = s.number("factor");
                s.check(factor > 0 && factor < 1, "factor", factor, "in (0, 1)");
                int patience = s.integer("patience");
                s.check(patience >= 0, "patience", patience, ">= 0");
                return new SchedulerConfig(name, 0, 1, 0, 0, factor, patience, s.number("threshold"),
                        s.integer("cooldown"), s.number("min_lr"));
            }
            default:
                s.check(false, "name", name, "one of [none, step, cosine, plateau]");
                throw new AssertionError();
        }
    }
}
