package dev.vsgdsuite.suite.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import dev.vsgdsuite.suite.optim.AdamStep;
import dev.vsgdsuite.vsgd.BlockUpdater;
import dev.vsgdsuite.vsgd.BlockUpdater.Kernel;
import dev.vsgdsuite.vsgd.NonFiniteGradientException;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
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
 * bit-identically, also with many updater blocks; for the suite's own updaters, a non-finite
 * gradient stops the iteration with nothing written, the check runs once per iteration, and every
 * kernel the backend can run trains a network to the same bits. Each row is built the way runs build it: from the optimizer's declaration, put on
 * a network by {@link Optimizers#configure}.
 */
@Tag("cuda-path")
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
            new Row("adam", new AdamConfig(0.05, 0, 0.9, 0.999, 1e-8, AdamStep.TORCH), 2, 1),
            new Row("adam impl=dl4j", new AdamConfig(0.05, 0, 0.9, 0.999, 1e-8, AdamStep.DL4J), 2, 0),
            new Row("adamw", new AdamWConfig(0.05, 1e-2, 0.9, 0.999, 1e-8, AdamStep.TORCH), 2, 1),
            new Row("adamw impl=dl4j", new AdamWConfig(0.05, 1e-2, 0.9, 0.999, 1e-8, AdamStep.DL4J), 2, 0),
            new Row("sgd", new SgdConfig(0.01, 0, 0.9, false), 1, 0));

    static final SchedulerConfig CONSTANT = new SchedulerConfig.Constant();
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
        ComputationGraph[] runs = straightAndRestored(() -> network(row.config(), 3), OptimizerPropertiesTest::batch, 5, 12, dir);
        assertThat(runs[1].params().toFloatVector()).containsExactly(runs[0].params().toFloatVector());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void saveAndRestoreContinuesBitIdenticallyWithManyBlocks(Row row, @TempDir Path dir) throws Exception {
        ComputationGraph[] runs = straightAndRestored(() -> multiBlockNetwork(row.config(), 3),
                OptimizerPropertiesTest::imageBatch, 4, 8, dir);
        ComputationGraph straight = runs[0];
        ComputationGraph restored = runs[1];
        assertThat(straight.getUpdater().getUpdaterBlocks()).as("updater blocks").hasSizeGreaterThanOrEqualTo(3);
        assertThat(restored.params().toFloatVector()).containsExactly(straight.params().toFloatVector());
        assertThat(restored.getUpdater().getStateViewArray().toFloatVector())
                .containsExactly(straight.getUpdater().getStateViewArray().toFloatVector());
        for (BlockUpdater<?> u : blockUpdaters(restored)) {
            assertThat(u.stepCount()).as("steps of a restored block").isEqualTo(row.stateFloatsPerTensor() == 1 ? 8 : 4);
        }
    }

    /**
     * Two networks trained on the same batches: one straight for {@code total} iterations, one saved
     * with its updater after {@code saveAt}, restored, and trained to {@code total}: {straight, restored}.
     */
    static ComputationGraph[] straightAndRestored(java.util.function.Supplier<ComputationGraph> network,
                                                  java.util.function.IntFunction<DataSet> batch, int saveAt, int total,
                                                  Path dir) throws Exception {
        ComputationGraph straight = network.get();
        ComputationGraph interrupted = network.get();
        for (int i = 0; i < saveAt; i++) {
            straight.fit(batch.apply(i));
            interrupted.fit(batch.apply(i));
        }
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(interrupted, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        for (int i = saveAt; i < total; i++) {
            straight.fit(batch.apply(i));
            restored.fit(batch.apply(i));
        }
        return new ComputationGraph[] {straight, restored};
    }

    /** The suite's own updaters: all but DL4J's Adam (impl=dl4j). */
    static Stream<Row> blockUpdaterRows() {
        return TABLE.stream().filter(OptimizerPropertiesTest::isBlockUpdater);
    }

    static boolean isBlockUpdater(Row row) {
        IUpdater config = Optimizers.updater(row.config(), CONSTANT);
        return config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(4)), true) instanceof BlockUpdater;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockUpdaterRows")
    void aNonFiniteGradientStopsTheIterationWithNothingWritten(Row row) {
        ComputationGraph net = multiBlockNetwork(row.config(), 5);
        for (int i = 0; i < 3; i++) {
            net.fit(imageBatch(i));
        }
        float[] paramsBefore = net.params().toFloatVector();
        float[] stateBefore = net.getUpdater().getStateViewArray().toFloatVector();
        DataSet poisoned = imageBatch(3);
        poisoned.getFeatures().putScalar(new long[] {0, 0, 2, 2}, Float.NaN);

        assertThatThrownBy(() -> net.fit(poisoned)).isInstanceOf(NonFiniteGradientException.class)
                .hasMessageContaining("step 4: the gradient is not finite").hasMessageContaining("Nothing was updated");
        assertThat(net.params().toFloatVector()).as("parameters").containsExactly(paramsBefore);
        assertThat(net.getUpdater().getStateViewArray().toFloatVector()).as("optimizer state").containsExactly(stateBefore);

        net.fit(imageBatch(4));   // and training goes on from where it was
        assertThat(net.params().toFloatVector()).doesNotContain(Float.NaN);
        if (row.stateFloatsPerTensor() == 1) {
            assertThat(blockUpdaters(net)).allSatisfy(u -> assertThat(u.stepCount()).isEqualTo(4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockUpdaterRows")
    void theNonFiniteCheckScansTheGradientOncePerIteration(Row row) {
        ComputationGraph net = multiBlockNetwork(row.config(), 5);
        net.fit(imageBatch(0));
        long before = BlockUpdater.nonFiniteScans();
        for (int i = 1; i <= 4; i++) {
            net.fit(imageBatch(i));
        }
        assertThat(blockUpdaters(net)).as("blocks with the suite's updater").hasSizeGreaterThanOrEqualTo(2);
        assertThat(BlockUpdater.nonFiniteScans() - before).as("scans in 4 iterations").isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockUpdaterRows")
    void everyKernelTrainsTheNetworkBitForBit(Row row) {
        List<Kernel> kernels = blockUpdaters(multiBlockNetwork(row.config(), 5)).get(0).runnableKernels();
        float[] reference = null;
        float[] referenceState = null;
        for (Kernel kernel : kernels) {
            ComputationGraph net = multiBlockNetwork(row.config(), 5);
            blockUpdaters(net).forEach(u -> u.setKernel(kernel));
            for (int i = 0; i < 5; i++) {
                net.fit(imageBatch(i));
            }
            Kernel ran = blockUpdaters(net).get(0).kernelInUse();
            assertThat(ran).as("%s ran", kernel).isEqualTo(kernel == Kernel.AUTO ? kernels.get(1) : kernel);
            if (reference == null) {
                reference = net.params().toFloatVector();
                referenceState = net.getUpdater().getStateViewArray().toFloatVector();
            } else {
                assertThat(net.params().toFloatVector()).as("%s parameters", kernel).containsExactly(reference);
                assertThat(net.getUpdater().getStateViewArray().toFloatVector()).as("%s state", kernel)
                        .containsExactly(referenceState);
            }
        }
    }

    /** The suite's updater of each block of {@code net}. */
    static List<BlockUpdater<?>> blockUpdaters(ComputationGraph net) {
        List<BlockUpdater<?>> out = new java.util.ArrayList<>();
        for (UpdaterBlock b : net.getUpdater().getUpdaterBlocks()) {
            if (b.getGradientUpdater() instanceof BlockUpdater<?> u) {
                out.add(u);
            }
        }
        return out;
    }

    /**
     * conv → batch norm → pool → dense, with weight decay: the decayed layers and batch norm (which
     * DL4J gives none) are separate updater blocks, as in the paper networks.
     */
    static ComputationGraph multiBlockNetwork(OptimizerConfig optimizer, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(6, 6, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().activation(Activation.RELU).build(), "conv")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        Optimizers.configure(conf, withWeightDecay(optimizer), CONSTANT);
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static OptimizerConfig withWeightDecay(OptimizerConfig c) {
        double wd = 1e-3;
        if (c instanceof VsgdConfig v) {
            return new VsgdConfig(v.lr(), wd, v.ps(), v.ghattg(), v.tau1(), v.tau2(), v.eps());
        } else if (c instanceof AdamWConfig a) {
            return new AdamWConfig(a.lr(), wd, a.beta1(), a.beta2(), a.eps(), a.impl());
        } else if (c instanceof AdamConfig a) {
            return new AdamConfig(a.lr(), wd, a.beta1(), a.beta2(), a.eps(), a.impl());
        } else if (c instanceof SgdConfig s) {
            return new SgdConfig(s.lr(), wd, s.momentum(), s.nesterov());
        }
        throw new IllegalArgumentException("add " + c.getClass().getSimpleName() + " to withWeightDecay");
    }

    /** Batch {@code i} of 4 random 2×6×6 images (seeded) with random one-hot labels of 3 classes. */
    static DataSet imageBatch(int i) {
        SplittableRandom rng = new SplittableRandom(300 + i);
        float[] values = new float[4 * 2 * 6 * 6];
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) rng.nextDouble(-1, 1);
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 3);
        for (int r = 0; r < 4; r++) {
            y.putScalar(r, rng.nextInt(3), 1f);
        }
        return new DataSet(Nd4j.createFromArray(values).reshape(4, 2, 6, 6), y);
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
