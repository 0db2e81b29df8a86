package dev.vsgdsuite.suite.golden;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.suite.optim.Optimizers;
import dev.vsgdsuite.suite.optim.SchedulerConfig;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import dev.vsgdsuite.vsgd.BlockUpdater;
import dev.vsgdsuite.vsgd.golden.GoldenReplay;
import dev.vsgdsuite.vsgd.golden.GoldenTrajectory;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The suite's golden replays: a trajectory's optimizer config put on a layer as a run puts it
 * ({@link Optimizers#configure}: its updater and its weight decay), then replayed by the library's
 * {@link GoldenReplay}. The replay tests and {@code gpu-check} both replay through here.
 */
public final class Replays {

    /** DL4J's Adam keeps torch's exp_avg and exp_avg_sq as M and V. */
    static final Map<String, String> DL4J_ADAM_STATE = Map.of("exp_avg", "M", "exp_avg_sq", "V");

    private Replays() {}

    /** Replays {@code t} with {@code config}; {@code kernel} forced when not null. */
    public static GoldenReplay.Outcome replay(GoldenTrajectory t, OptimizerConfig config, BlockUpdater.Kernel kernel) {
        BaseLayer layer = layerAsRunsConfigureIt(config);
        IUpdater updater = layer.getIUpdater();
        return GoldenReplay.replay(t, updater, layer.getRegularization() == null ? List.of() : layer.getRegularization(),
                kernel, updater instanceof Adam ? DL4J_ADAM_STATE : Map.of());
    }

    /** Replays {@code t} with its own config (torch's Adam step) and the updater's own kernel. */
    public static GoldenReplay.Outcome replay(GoldenTrajectory t) {
        return replay(t, GoldenConfigs.config(t, dev.vsgdsuite.suite.optim.AdamStep.TORCH), null);
    }

    /** A one-layer network configured as runs configure theirs; its only layer. */
    static BaseLayer layerAsRunsConfigureIt(OptimizerConfig config) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").addLayer("layer", new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nIn(1).nOut(1).build(), "in")
                .setOutputs("layer").build();
        Optimizers.configure(conf, config, new SchedulerConfig.Constant());
        return (BaseLayer) ((LayerVertex) conf.getVertices().get("layer")).getLayerConf().getLayer();
    }

    /** The project's golden files (fixtures/), then {@code -Dsuite.baselines.golden=FILE} when given. */
    public static List<GoldenTrajectory> all() {
        List<GoldenTrajectory> out = new ArrayList<>(GoldenTrajectory.fixtures(ProjectPaths.fixtures()));
        String extra = SuiteSwitches.BASELINES_GOLDEN.value();
        if (extra != null) {
            out.addAll(GoldenTrajectory.read(resolve(extra)));
        }
        return out;
    }

    /** The shipped files' trajectories only. */
    public static List<GoldenTrajectory> shipped() {
        return GoldenTrajectory.fixtures(ProjectPaths.fixtures());
    }

    /** A path as given, else under the project root (Maven runs the tests in suite/). */
    static Path resolve(String given) {
        Path p = Paths.get(given);
        if (p.isAbsolute() || Files.exists(p)) {
            return p;
        }
        Path underRoot = ProjectPaths.root().resolve(given);
        if (!Files.exists(underRoot)) {
            throw new IllegalArgumentException("-D" + SuiteSwitches.BASELINES_GOLDEN.name() + "=" + given
                    + ": no such file (looked at " + p.toAbsolutePath() + " and " + underRoot
                    + "); give an absolute path or one under the project root");
        }
        return underRoot;
    }
}
