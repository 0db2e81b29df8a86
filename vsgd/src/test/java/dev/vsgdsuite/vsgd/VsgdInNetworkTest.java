package dev.vsgdsuite.vsgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Tag;

/** VSGD inside real DL4J networks: the same arithmetic as the pure step, state that survives saving. */
@Tag("cuda-path")
class VsgdInNetworkTest {

    static final long SEED = 42;
    static final int BATCH = 16;

    @Test
    void networkWithDecoupledDecayMovesParametersExactlyAsThePureStep() {
        double lr = 0.05;
        double lambda = 0.1;
        Vsgd vsgd = Vsgd.builder().learningRate(lr).ps(1e-7).build();
        MultiLayerNetwork net = TinyNets.mlp(vsgd, lambda, SEED);

        // The pure step over our own copy of the state: docs/PROTOCOL.md §1 with θ ← θ(1 − ηλ) first.
        int n = (int) net.numParams();
        float[] mug = new float[n];
        float[] bg = new float[n];
        float[] bhg = new float[n];
        VsgdState<FloatBuffer> state = new VsgdState<>(FloatBuffer.wrap(mug), FloatBuffer.wrap(bg), FloatBuffer.wrap(bhg));
        VsgdCoefficients coefficients = new VsgdCoefficients(vsgd);
        for (int t = 1; t <= 5; t++) {
            DataSet ds = TinyNets.batch(SEED, t, BATCH);
            net.setInput(ds.getFeatures());
            net.setLabels(ds.getLabels());
            net.computeGradientAndScore();
            float[] g = net.gradient().gradient().toFloatVector();
            for (int i = 0; i < n; i++) {
                g[i] /= BATCH;   // DL4J's updater divides the summed loss gradient by the minibatch size
            }
            float[] theta = net.params().toFloatVector();

            net.fit(ds);

            VsgdStep.apply(coefficients.forStep(t, (float) lr), state, FloatBuffer.wrap(g), 0, n);
            float[] actual = net.params().toFloatVector();
            for (int i = 0; i < n; i++) {
                float expected = theta[i] * (1f - (float) (lr * lambda)) - g[i];
                // Decay as DL4J applies it (θ − (u + ηλθ)) differs from θ(1 − ηλ) − u by float rounding only.
                assertThat(actual[i]).as("step %d, parameter %d", t, i)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-7f * Math.max(1f, Math.abs(expected))));
            }
            assertThat(vsgdUpdater(net).getState().get(VsgdUpdater.MUG).toFloatVector()).containsExactly(mug);
        }
        assertThat(vsgdUpdater(net).stepCount()).isEqualTo(5);
    }

    @Test
    void sameSeedTrainsToIdenticalParametersRunToRun() {
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            MultiLayerNetwork net = TinyNets.mlp(new Vsgd(0.05), 0.01, SEED);
            for (int i = 0; i < 10; i++) {
                net.fit(TinyNets.batch(SEED, i, BATCH));
            }
            runs[r] = net.params().toFloatVector();
        }
        assertThat(runs[1]).containsExactly(runs[0]);
    }

    @Test
    void savedAndRestoredModelContinuesBitIdentically(@TempDir Path dir) throws Exception {
        MultiLayerNetwork uninterrupted = TinyNets.mlp(new Vsgd(0.05), 0, SEED);
        MultiLayerNetwork first = TinyNets.mlp(new Vsgd(0.05), 0, SEED);
        for (int i = 0; i < 7; i++) {
            uninterrupted.fit(TinyNets.batch(SEED, i, BATCH));
            first.fit(TinyNets.batch(SEED, i, BATCH));
        }
        File file = dir.resolve("vsgd.zip").toFile();
        ModelSerializer.writeModel(first, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertThat(vsgdUpdater(restored).getConfig()).isEqualTo(new Vsgd(0.05));

        for (int i = 7; i < 15; i++) {
            uninterrupted.fit(TinyNets.batch(SEED, i, BATCH));
            restored.fit(TinyNets.batch(SEED, i, BATCH));
        }
        assertThat(restored.params().toFloatVector()).containsExactly(uninterrupted.params().toFloatVector());
        assertThat(restored.getUpdater().getStateViewArray().toFloatVector())
                .containsExactly(uninterrupted.getUpdater().getStateViewArray().toFloatVector());
        assertThat(vsgdUpdater(restored).stepCount()).isEqualTo(15);
    }

    /**
     * A block whose state is still zero when DL4J's iteration count is already far along (a model
     * restored without its updater, a layer trained later) must take the prior branch of step 1, not
     * divide 0 by 0: it follows exactly the trajectory of a freshly started optimizer.
     */
    @Test
    void lateStartingBlockBeginsFromThePriorLikeAFreshOptimizer(@TempDir Path dir) throws Exception {
        MultiLayerNetwork trained = TinyNets.mlp(new Vsgd(0.05), 0, SEED);
        for (int i = 0; i < 20; i++) {
            trained.fit(TinyNets.batch(SEED, i, BATCH));
        }
        File file = dir.resolve("weights-only.zip").toFile();
        ModelSerializer.writeModel(trained, file, false);
        MultiLayerNetwork late = ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertThat(late.getIterationCount()).isEqualTo(20);

        MultiLayerNetwork fresh = TinyNets.mlp(new Vsgd(0.05), 0, SEED);
        fresh.setParams(trained.params().dup());
        for (int i = 20; i < 26; i++) {
            late.fit(TinyNets.batch(SEED, i, BATCH));
            fresh.fit(TinyNets.batch(SEED, i, BATCH));
        }
        float[] p = late.params().toFloatVector();
        for (float v : p) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        assertThat(p).containsExactly(fresh.params().toFloatVector());
        assertThat(vsgdUpdater(late).stepCount()).isEqualTo(6);
    }

    @Test
    void nonFiniteGradientIsRefusedWithStateAndParametersUntouched() {
        MultiLayerNetwork net = TinyNets.mlp(new Vsgd(0.05), 0, SEED);
        for (int i = 0; i < 3; i++) {
            net.fit(TinyNets.batch(SEED, i, BATCH));
        }
        INDArray paramsBefore = net.params().dup();
        INDArray stateBefore = net.getUpdater().getStateViewArray().dup();

        DataSet poisoned = TinyNets.batch(SEED, 3, BATCH);
        poisoned.getFeatures().putScalar(0, 0, Float.NaN);
        assertThatThrownBy(() -> net.fit(poisoned))
                .isInstanceOf(NonFiniteGradientException.class)
                .hasMessageContaining("VSGD step 4")
                .hasMessageContaining("Nothing was updated");

        assertThat(net.params().toFloatVector()).containsExactly(paramsBefore.toFloatVector());
        assertThat(net.getUpdater().getStateViewArray().toFloatVector()).containsExactly(stateBefore.toFloatVector());
        // and training goes on from where it was
        net.fit(TinyNets.batch(SEED, 4, BATCH));
        assertThat(vsgdUpdater(net).stepCount()).isEqualTo(4);
    }

    @Test
    void nonFiniteGradientIsRefusedByTheOpsKernelToo() {
        Vsgd config = new Vsgd();
        VsgdUpdater u = (VsgdUpdater) config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(4)), true);
        u.setKernel(VsgdUpdater.Kernel.ND4J_OPS);
        u.applyUpdater(Nd4j.createFromArray(1f, 2f, 3f, 4f).reshape(1, 4), 0, 0);
        INDArray state = u.getState().get(VsgdUpdater.BG).dup();
        assertThatThrownBy(() -> u.applyUpdater(Nd4j.createFromArray(1f, Float.POSITIVE_INFINITY, 3f, 4f).reshape(1, 4), 1, 0))
                .isInstanceOf(NonFiniteGradientException.class)
                .hasMessageContaining("index 1: Infinity");
        assertThat(u.getState().get(VsgdUpdater.BG).toFloatVector()).containsExactly(state.toFloatVector());
        assertThat(u.stepCount()).isEqualTo(1);
    }

    @Test
    void implicitMomentumIsBhOverBgPlusBhPerBlock() {
        MultiLayerNetwork net = TinyNets.mlp(new Vsgd(0.05), 0, SEED);
        for (int i = 0; i < 10; i++) {
            net.fit(TinyNets.batch(SEED, i, BATCH));
        }
        VsgdUpdater u = vsgdUpdater(net);
        float[] beta = u.implicitMomentum().toFloatVector();
        float[] bg = u.getState().get(VsgdUpdater.BG).toFloatVector();
        float[] bhg = u.getState().get(VsgdUpdater.BHG).toFloatVector();
        assertThat(beta).hasSize((int) net.numParams());
        for (int i = 0; i < beta.length; i++) {
            assertThat(beta[i]).isEqualTo(bhg[i] / (bg[i] + bhg[i]));
            assertThat(beta[i]).isBetween(0f, 1f);
        }
    }

    /**
     * Why {@link DecoupledWeightDecay#apply} exists: DL4J 1.0.0-M2.1 puts a globally configured
     * WeightDecay into every layer twice. If this starts failing after a DL4J upgrade, the upstream
     * bug is fixed: update the javadoc of DecoupledWeightDecay.
     */
    @Test
    void builderWeightDecayIsDoubledByDl4jAndApplyLeavesExactlyOne() {
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .updater(new Vsgd()).weightDecay(0.1).weightDecayBias(0.1).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(2).nOut(2).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(2).nOut(2).build())
                .build();
        assertThat(DecoupledWeightDecay.weightDecayCount(conf.getConf(0).getLayer())).isEqualTo(2);
        DecoupledWeightDecay.apply(conf, 0.1);
        for (int i = 0; i < 2; i++) {
            org.deeplearning4j.nn.conf.layers.BaseLayer layer = (org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(i).getLayer();
            assertThat(DecoupledWeightDecay.weightDecayCount(layer)).isEqualTo(1);
            assertThat(layer.getRegularizationBias()).hasSize(1);
        }
        assertThatThrownBy(() -> DecoupledWeightDecay.regularization(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'weight_decay' = -1.0");
    }

    /** All layers share one configuration, so DL4J merges them into one block. */
    static VsgdUpdater vsgdUpdater(MultiLayerNetwork net) {
        List<UpdaterBlock> blocks = ((MultiLayerUpdater) net.getUpdater()).getUpdaterBlocks();
        assertThat(blocks).hasSize(1);
        return (VsgdUpdater) blocks.get(0).getGradientUpdater();
    }
}
