package dev.vsgdsuite.suite.optim;

import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adam exactly as {@code torch.optim.Adam} (and the Adam step of {@code torch.optim.AdamW}), in the
 * arrays' precision: with t the block's own step count,
 * <pre>
 * m ← β1·m + (1 − β1)·g        v ← β2·v + (1 − β2)·g²
 * update = (η / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + ε)
 * </pre>
 * DL4J's {@code Adam} adds ε to √v before the bias correction, so its effective ε is ε/√(1 − β2ᵗ)
 * (about 32× larger at t = 1 with β2 = 0.999): the same moments, a different step wherever √v is not
 * far above ε. Weight decay is not part of the updater: DL4J applies it around the step
 * ({@link WeightDecayMode}: L2 before, as torch's Adam; decoupled after, as torch's AdamW).
 *
 * <p>State per parameter block: {@code exp_avg} (m) and {@code exp_avg_sq} (v), torch's names, and
 * the block's step count t ({@link TorchAdamUpdater}), all in DL4J's updater state array, so a
 * saved network resumes bit for bit.
 */
public final class TorchAdam extends ScheduledUpdater {

    private static final long serialVersionUID = 1L;

    /** torch.optim.Adam's defaults. */
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;

    @JsonProperty("beta1")
    private final double beta1;
    @JsonProperty("beta2")
    private final double beta2;
    @JsonProperty("eps")
    private final double eps;

    @JsonCreator
    public TorchAdam(@JsonProperty("learningRate") double learningRate,
                     @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                     @JsonProperty("beta1") double beta1,
                     @JsonProperty("beta2") double beta2,
                     @JsonProperty("eps") double eps) {
        super(learningRate, learningRateSchedule);
        if (!(learningRate >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("TorchAdam needs lr >= 0, beta1 and beta2 in [0, 1), eps > 0; got lr="
                    + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    public double getBeta1() {
        return beta1;
    }

    public double getBeta2() {
        return beta2;
    }

    public double getEps() {
        return eps;
    }

    /** m and v per parameter, plus one float per parameter tensor for the step count. */
    @Override
    public long stateSize(long numParams) {
        return 2 * numParams + 1;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        TorchAdamUpdater u = new TorchAdamUpdater(this);
        u.setStateViewArray(viewArray, null, viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        TorchAdamUpdater u = new TorchAdamUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public TorchAdam clone() {
        return new TorchAdam(learningRate(), scheduleCopy(),
                beta1, beta2, eps);
    }

    /** Every hyper-parameter: DL4J puts parameters with equal updaters into one state block. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TorchAdam a && sameLearningRate(a)
                && Double.compare(beta1, a.beta1) == 0 && Double.compare(beta2, a.beta2) == 0
                && Double.compare(eps, a.eps) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate(), learningRateSchedule(), beta1, beta2, eps);
    }

    @Override
    public String toString() {
        return "TorchAdam(lr=" + learningRate() + ", lrSchedule=" + learningRateSchedule() + ", beta1=" + beta1
                + ", beta2=" + beta2 + ", eps=" + eps + ")";
    }
}
