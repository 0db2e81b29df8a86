package dev.vsgdsuite.suite.optim;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.vsgdsuite.vsgd.BlockUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * SGD with heavy-ball momentum exactly as {@code torch.optim.SGD} (dampening 0): buf ← μ·buf + g;
 * update = η·buf, or η·(g + μ·buf) with Nesterov. DL4J's {@code Nesterovs} is a different
 * formulation, and DL4J has no plain momentum SGD. One float of state per parameter: buf, under
 * torch's name {@code momentum_buffer} in the state map.
 */
public final class SgdMomentum extends ScheduledUpdater {

    private static final long serialVersionUID = 1L;

    /** The key of the buffer in the updater's state map: torch's name. */
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    @JsonProperty("momentum")
    private final double momentum;
    @JsonProperty("nesterov")
    private final boolean nesterov;

    @JsonCreator
    public SgdMomentum(@JsonProperty("learningRate") double learningRate,
                       @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                       @JsonProperty("momentum") double momentum,
                       @JsonProperty("nesterov") boolean nesterov) {
        super(learningRate, learningRateSchedule);
        if (!(learningRate >= 0) || !(momentum > 0 && momentum < 1)) {
            throw new IllegalArgumentException("SgdMomentum needs lr >= 0 and momentum in (0, 1), got lr=" + learningRate
                    + ", momentum=" + momentum + " (for momentum 0 use plain Sgd)");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    public double getMomentum() {
        return momentum;
    }

    public boolean isNesterov() {
        return nesterov;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public SgdMomentum clone() {
        return new SgdMomentum(learningRate(), scheduleCopy(),
                momentum, nesterov);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SgdMomentum s && sameLearningRate(s)
                && Double.compare(momentum, s.momentum) == 0 && nesterov == s.nesterov;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate(), learningRateSchedule(), momentum, nesterov);
    }

    @Override
    public String toString() {
        return "SgdMomentum(lr=" + learningRate() + ", lrSchedule=" + learningRateSchedule() + ", momentum=" + momentum
                + ", nesterov=" + nesterov + ")";
    }

    /** The per-block step DL4J drives; the layout and the non-finite check are {@link BlockUpdater}'s. */
    static final class Updater extends BlockUpdater<SgdMomentum> {

        Updater(SgdMomentum config) {
            super(config, "SGD-momentum", List.of(MOMENTUM_BUFFER), null, false, "SGD-momentum's kernel", Kernel.AUTO);
        }

        @Override
        protected void stepOps(long t, double lr, INDArray gradient, List<INDArray> state) {
            INDArray buf = state.get(0);
            float mu = (float) getConfig().momentum;
            buf.muli(mu).addi(gradient);
            if (getConfig().nesterov) {
                gradient.addi(buf.mul(mu)).muli((float) lr);
            } else {
                gradient.assign(buf).muli((float) lr);
            }
        }
    }
}
