package dev.vsgdsuite.suite.optim;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Which Adam step {@code adam} and {@code adamw} take, the key {@code impl}. The two differ only in
 * where ε enters, which matters at small √v and early steps.
 */
public enum AdamStep {

    /** torch.optim's step: ε added after the bias correction of √v ({@link TorchAdam}). */
    TORCH("torch"),
    /** DL4J's {@code Adam}: ε added before the bias correction, an effective ε/√(1−β2ᵗ). */
    DL4J("dl4j");

    private final String yamlName;

    AdamStep(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The value of {@code impl} in YAML. */
    public String yamlName() {
        return yamlName;
    }

    /** Every value of {@code impl}, as YAML spells them. */
    static List<String> yamlNames() {
        return Arrays.stream(values()).map(AdamStep::yamlName).toList();
    }

    /** The step {@code impl: name} names; any other name is refused by the key's rule, naming the key. */
    static AdamStep of(String name) {
        OptimizerType.check(AdamConfig.IMPL, name);
        return Arrays.stream(values()).filter(s -> s.yamlName.equals(name)).findFirst().orElseThrow();
    }

    /** This step as a DL4J updater. */
    IUpdater updater(double lr, ISchedule schedule, double beta1, double beta2, double eps) {
        return switch (this) {
            case TORCH -> new TorchAdam(lr, schedule, beta1, beta2, eps);
            case DL4J -> Adam.builder().learningRate(lr).learningRateSchedule(schedule).beta1(beta1).beta2(beta2)
                    .epsilon(eps).build();
        };
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
