package dev.vsgdsuite.vsgd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Properties every optimizer of the suite shares, one table row per optimizer (optax's style):
 * convergence on a noisy quadratic, state size, configuration JSON round trip, save/restore continuity.
 * AdamW is Adam plus decoupled weight decay, as DL4J has no AdamW updater; SGD-momentum is DL4J's
 * Nesterovs.
 */
class OptimizerPropertiesTest {

    record Optimizer(String name, Supplier<IUpdater> updater, double weightDecay, LongUnaryOperator stateSize) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Optimizer> optimizers() {
        return Stream.of(
                new Optimizer("VSGD", () -> new Vsgd(0.1), 0, n -> 3 * n + 1),
                new Optimizer("Adam", () -> new Adam(0.05), 0, n -> 2 * n),
                new Optimizer("AdamW", () -> new Adam(0.05), 1e-2, n -> 2 * n),
                new Optimizer("SGD-momentum", () -> new Nesterovs(0.01, 0.9), 0, n -> n));
    }

    static final int DIM = 50;
    static final int STEPS = 600;

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void convergesOnANoisyQuadratic(Optimizer o) {
        IUpdater config = o.updater().get();
        GradientUpdater<?> updater = config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(DIM)), true);
        List<Regularization> decay = DecoupledWeightDecay.regularization(o.weightDecay());
        float[] a = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            a[i] = (float) Math.pow(10, -1 + 2.0 * i / (DIM - 1));    // curvatures 0.1 … 10
        }
        INDArray x = Nd4j.ones(DataType.FLOAT, 1, DIM);
        java.util.Random noise = new java.util.Random(7);
        double initial = loss(a, x);
        for (int t = 0; t < STEPS; t++) {
            float[] xv = x.toFloatVector();
            float[] g = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                g[i] = a[i] * xv[i] + 0.1f * (float) noise.nextGaussian();
            }
            INDArray grad = Nd4j.createFromArray(g).reshape(1, DIM);
            updater.applyUpdater(grad, t, 0);
            for (Regularization r : decay) {
                r.apply(x, grad, config.getLearningRate(t, 0), t, 0);
            }
            x.subi(grad);
        }
        double last = loss(a, x);
        assertThat(last).as("%s: loss %.4g after %d steps from %.4g", o, last, STEPS, initial)
                .isLessThan(initial / 20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void stateSizeIsAsDocumentedAndLivesInTheNetworkStateArray(Optimizer o) {
        IUpdater config = o.updater().get();
        for (long n : new long[] {1, 7, 1000}) {
            assertThat(config.stateSize(n)).as("%s stateSize(%d)", o, n).isEqualTo(o.stateSize().applyAsLong(n));
        }
        MultiLayerNetwork net = TinyNets.mlp(config, o.weightDecay(), 1);
        // Two layers with W and b: four parameter tensors in one block.
        assertThat(net.getUpdater().getStateViewArray().length())
                .isEqualTo(o.stateSize().applyAsLong(net.numParams()) + (config instanceof Vsgd ? 3 : 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void configurationJsonRoundTrip(Optimizer o) {
        MultiLayerNetwork net = TinyNets.mlp(o.updater().get(), o.weightDecay(), 1);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        assertThat(back.toJson()).isEqualTo(conf.toJson());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void saveAndRestoreContinuesBitIdentically(Optimizer o, @TempDir Path dir) throws Exception {
        MultiLayerNetwork straight = TinyNets.mlp(o.updater().get(), o.weightDecay(), 3);
        MultiLayerNetwork interrupted = TinyNets.mlp(o.updater().get(), o.weightDecay(), 3);
        for (int i = 0; i < 5; i++) {
            straight.fit(TinyNets.batch(3, i, 8));
            interrupted.fit(TinyNets.batch(3, i, 8));
        }
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(interrupted, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        for (int i = 5; i < 12; i++) {
            straight.fit(TinyNets.batch(3, i, 8));
            restored.fit(TinyNets.batch(3, i, 8));
        }
        assertThat(restored.params().toFloatVector()).containsExactly(straight.params().toFloatVector());
    }

    private static double loss(float[] a, INDArray x) {
        float[] v = x.toFloatVector();
        double l = 0;
        for (int i = 0; i < a.length; i++) {
            l += 0.5 * a[i] * v[i] * v[i];
        }
        return l;
    }
}
