package dev.vsgdsuite.suite.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Properties every optimizer the suite trains with shares, one row per registered optimizer (optax's
 * test table): it converges on a noisy quadratic, its state has the documented size inside DL4J's
 * state array, its network configuration survives a JSON round trip, and a saved network continues
 * bit-identically. Each row is built the way runs build it: from the optimizer's declaration, put on
 * a network by {@link Optimizers#configure}.
 */
class OptimizerPropertiesTest {

    /** One row: settings that make the quadratic converge; state floats per parameter and per parameter tensor. */
    record Row(String label, OptimizerConfig config, long stateFloatsPerParameter, long stateFloatsPerTensor) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** Every optimizer, and each variant a config can pick ({@code impl}). */
    static final List<Row> TABLE = List.of(
            new Row("vsgd", new VsgdConfig(0.1, 0, 1e-8, 30, 0.81, 0.9, 1e-8), 3, 1),
            new Row("adam", new AdamConfig(0.05, 0, 0.9, 0.999, 1e-8, AdamConfig.TORCH), 2, 1),
            new Row("adam impl=dl4j", new AdamConfig(0.05, 0, 0.9, 0.999, 1e-8, AdamConfig.DL4J), 2, 0),
            new Row("adamw", new AdamWConfig(0.05, 1e-2, 0.9, 0.999, 1e-8, AdamConfig.TORCH), 2, 1),
            new Row("adamw impl=dl4j", new AdamWConfig(0.05, 1e-2, 0.9, 0.999, 1e-8, AdamConfig.DL4J), 2, 0),
            new Row("sgd", new SgdConfig(0.01, 0, 0.9, false), 1, 0));

    static final SchedulerConfig CONSTANT = new SchedulerConfig("none", 0, 1, 0, 0, 1, 0, 0, 0, 0);
    static final int DIM = 50;
    static final int STEPS = 600;

    static Stream<Row> rows() {
        return TABLE.stream();
    }

    @Test
    void everyRegisteredOptimizerHasARow() {
        for (OptimizerType<?> t : OptimizerConfig.types()) {
            assertThat(TABLE).as("add a row for %s", t.name()).anySatisfy(row -> assertThat(row.config().type()).isSameAs(t));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void convergesOnANoisyQuadratic(Row row) {
        IUpdater config = Optimizers.updater(row.config(), CONSTANT);
        GradientUpdater<?> updater = config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(DIM)), true);
        float[] a = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            a[i] = (float) Math.pow(10, -1 + 2.0 * i / (DIM - 1));    // curvatures 0.1 … 10
        }
        INDArray x = Nd4j.ones(DataType.FLOAT, 1, DIM);
        SplittableRandom noise = new SplittableRandom(7);
        double initial = loss(a, x);
        for (int t = 0; t < STEPS; t++) {
            float[] xv = x.toFloatVector();
            float[] g = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                g[i] = a[i] * xv[i] + 0.1f * (float) (noise.nextDouble() - 0.5) * 3.4f;
            }
            INDArray grad = Nd4j.createFromArray(g).reshape(1, DIM);
            updater.applyUpdater(grad, t, 0);
            x.subi(grad);
        }
        double last = loss(a, x);
        assertThat(last).as("%s: loss %.4g after %d steps from %.4g", row, last, STEPS, initial).isLessThan(initial / 20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void stateHasTheDocumentedSizeInsideTheNetworkStateArray(Row row) {
        IUpdater config = Optimizers.updater(row.config(), CONSTANT);
        for (long n : new long[] {1, 7, 1000}) {
            assertThat(config.stateSize(n)).isEqualTo(row.stateFloatsPerParameter() * n + row.stateFloatsPerTensor());
        }
        ComputationGraph net = network(row.config(), 1);
        // Two dense layers: four parameter tensors (W, b each), one state slice per tensor.
        assertThat(net.getUpdater().getStateViewArray().length())
                .isEqualTo(row.stateFloatsPerParameter() * net.numParams() + 4 * row.stateFloatsPerTensor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void configurationJsonRoundTrip(Row row) {
        ComputationGraphConfiguration conf = network(row.config(), 1).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        assertThat(back.toJson()).isEqualTo(conf.toJson());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void saveAndRestoreContinuesBitIdentically(Row row, @TempDir Path dir) throws Exception {
        ComputationGraph straight = network(row.config(), 3);
        ComputationGraph interrupted = network(row.config(), 3);
        for (int i = 0; i < 5; i++) {
            straight.fit(batch(i));
            interrupted.fit(batch(i));
        }
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(interrupted, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        for (int i = 5; i < 12; i++) {
            straight.fit(batch(i));
            restored.fit(batch(i));
        }
        assertThat(restored.params().toFloatVector()).containsExactly(straight.params().toFloatVector());
    }

    /** A float32 two-layer classifier with the optimizer put on it as runs do. */
    static ComputationGraph network(OptimizerConfig optimizer, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(6).nOut(10).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(10).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        Optimizers.configure(conf, optimizer, CONSTANT);
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Batch {@code i} of a fixed stream of 8 examples whose class is the sign pattern of two features. */
    static DataSet batch(int i) {
        SplittableRandom rng = new SplittableRandom(100 + i);
        float[] values = new float[8 * 6];
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) rng.nextDouble(-1, 1);
        }
        INDArray x = Nd4j.createFromArray(values).reshape(8, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 3);
        for (int r = 0; r < 8; r++) {
            int cls = x.getFloat(r, 0) > 0 ? 0 : x.getFloat(r, 1) > 0 ? 1 : 2;
            y.putScalar(r, cls, 1f);
        }
        return new DataSet(x, y);
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
