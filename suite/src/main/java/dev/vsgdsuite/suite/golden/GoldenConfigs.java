package dev.vsgdsuite.suite.golden;

import java.util.Map;
import java.util.Set;

import dev.vsgdsuite.suite.optim.AdamConfig;
import dev.vsgdsuite.suite.optim.AdamStep;
import dev.vsgdsuite.suite.optim.AdamWConfig;
import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.suite.optim.SgdConfig;
import dev.vsgdsuite.suite.optim.TorchAdam;
import dev.vsgdsuite.suite.optim.VsgdConfig;
import dev.vsgdsuite.vsgd.Vsgd;
import dev.vsgdsuite.vsgd.golden.GoldenTrajectory;

/**
 * A golden trajectory's settings as the suite's optimizer config (docs/PROTOCOL.md §5): VSGD's under
 * the authors' keywords, the baselines' under torch.optim's keyword arguments. An absent setting takes
 * the reference's default (torch's: AdamW's weight_decay is 0.01), an unknown one is an error, and a
 * setting the suite does not implement ({@code amsgrad}, {@code maximize}, non-zero {@code dampening})
 * is an error naming the file and the case.
 */
public final class GoldenConfigs {

    /** torch's keyword arguments the suite maps, per optimizer. */
    static final Map<String, Set<String>> TORCH_KEYS = Map.of(
            "sgd", Set.of("lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize"),
            "adam", Set.of("lr", "betas", "eps", "weight_decay", "amsgrad", "maximize"),
            "adamw", Set.of("lr", "betas", "eps", "weight_decay", "amsgrad", "maximize"));

    private GoldenConfigs() {}

    /** The config of {@code t}; {@code impl} picks the Adam step ({@link AdamStep#TORCH} or {@link AdamStep#DL4J}). */
    public static OptimizerConfig config(GoldenTrajectory t, AdamStep impl) {
        if (t.optimizer().equals("vsgd")) {
            Vsgd v = t.vsgd();
            return new VsgdConfig(v.getLearningRate(), t.number("weight_decay", 0), v.getPs(), v.getGhattg(), v.getTau1(),
                    v.getTau2(), v.getEps());
        }
        Set<String> known = TORCH_KEYS.get(t.optimizer());
        if (known == null) {
            throw t.problem("optimizer '" + t.optimizer() + "' is not one the suite implements; known: vsgd and "
                    + TORCH_KEYS.keySet().stream().sorted().toList());
        }
        t.requireKeys(known, "torch.optim's that the suite maps for " + t.optimizer());
        supported(t, !t.flag("maximize", false), "maximize", "false");
        if (t.optimizer().equals("sgd")) {
            supported(t, t.number("dampening", 0) == 0, "dampening", "0");
            double lr = t.number("lr", Double.NaN);
            if (Double.isNaN(lr)) {
                throw t.problem("torch.optim.SGD has no default lr: the case must give hyper.lr");
            }
            return new SgdConfig(lr, t.number("weight_decay", 0), t.number("momentum", 0), t.flag("nesterov", false));
        }
        supported(t, !t.flag("amsgrad", false), "amsgrad", "false");
        // torch.optim.Adam and AdamW share lr 1e-3, betas (0.9, 0.999) and eps 1e-8; AdamW's weight_decay is 1e-2.
        double lr = t.number("lr", 1e-3);
        double[] betas = t.pair("betas");
        double beta1 = betas == null ? TorchAdam.DEFAULT_BETA1 : betas[0];
        double beta2 = betas == null ? TorchAdam.DEFAULT_BETA2 : betas[1];
        double eps = t.number("eps", TorchAdam.DEFAULT_EPS);
        return t.optimizer().equals("adam")
                ? new AdamConfig(lr, t.number("weight_decay", 0), beta1, beta2, eps, impl)
                : new AdamWConfig(lr, t.number("weight_decay", 1e-2), beta1, beta2, eps, impl);
    }

    private static void supported(GoldenTrajectory t, boolean ok, String key, String only) {
        if (!ok) {
            throw t.problem("hyper." + key + " = " + t.hyper().get(key) + " is not implemented by the suite (only " + only + ")");
        }
    }
}
