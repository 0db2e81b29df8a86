package dev.vsgdsuite.suite.config;

import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Section;

/**
 * The optimizer section. {@code name} is vsgd, adam, adamw or sgd; the other keys are those of its
 * file in {@code configs/optimizer/} (absent ones are NaN / false here and unused).
 */
public record OptimizerConfig(String name, double lr, double weightDecay, double ps, double ghattg, double tau1,
                              double tau2, double eps, double beta1, double beta2, double momentum, boolean nesterov) {

    static OptimizerConfig from(Section s) {
        String name = s.string("name");
        s.check(name.equals("vsgd") || name.equals("adam") || name.equals("adamw") || name.equals("sgd"), "name", name,
                "one of [vsgd, adam, adamw, sgd]");
        double lr = s.number("lr");
        s.check(lr >= 0 && Double.isFinite(lr), "lr", lr, ">= 0");
        double wd = s.number("weight_decay");
        s.check(wd >= 0 && Double.isFinite(wd), "weight_decay", wd, ">= 0");
        double nan = Double.NaN;
        OptimizerConfig c = new OptimizerConfig(name, lr, wd,
                s.has("ps") ? s.number("ps") : nan, s.has("ghattg") ? s.number("ghattg") : nan,
                s.has("tau1") ? s.number("tau1") : nan, s.has("tau2") ? s.number("tau2") : nan,
                s.has("eps") ? s.number("eps") : nan,
                s.has("beta1") ? s.number("beta1") : nan, s.has("beta2") ? s.number("beta2") : nan,
                s.has("momentum") ? s.number("momentum") : 0, s.has("nesterov") && s.bool("nesterov"));
        if (name.equals("vsgd")) {
            try {
                dev.vsgdsuite.vsgd.Vsgd.builder().learningRate(lr).ps(c.ps).ghattg(c.ghattg).tau1(c.tau1).tau2(c.tau2)
                        .eps(c.eps).build();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("optimizer: " + e.getMessage(), e);
            }
        }
        if (name.startsWith("adam")) {
            s.check(c.beta1 >= 0 && c.beta1 < 1, "beta1", c.beta1, "in [0, 1)");
            s.check(c.beta2 >= 0 && c.beta2 < 1, "beta2", c.beta2, "in [0, 1)");
            s.check(c.eps > 0, "eps", c.eps, "> 0");
        }
        if (name.equals("sgd")) {
            s.check(c.momentum >= 0 && c.momentum < 1, "momentum", c.momentum, "in [0, 1)");
            s.check(!c.nesterov || c.momentum > 0, "nesterov", true, "false when momentum is 0 (as torch)");
        }
        return c;
    }
}
