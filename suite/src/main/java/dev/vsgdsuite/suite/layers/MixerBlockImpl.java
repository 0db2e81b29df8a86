package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.suite.kernels.MixerBlockLanes;
import dev.vsgdsuite.vsgd.HostArrays;
import java.util.Arrays;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.B;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.BETA;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.DW;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.GAMMA;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.LOG_STD;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.MEAN;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.PW;
import static dev.vsgdsuite.suite.layers.MixerBlockParamInitializer.W;

/**
 * The computation of a {@link MixerBlockLayer}: parameters read from the layer's views, the block
 * computed by {@link MixerBlockLanes} on the activations' memory, the gradients and the running
 * statistics' steps written into the gradient views ({@link FusedLayerImpl}).
 */
public class MixerBlockImpl extends FusedLayerImpl<MixerBlockLayer> {

    private static final long serialVersionUID = 1L;

    /** One kernel per activation shape in use: the training batch, and evaluation's. */
    private transient MixerBlockLanes trainingLanes;
    private transient MixerBlockLanes inferenceLanes;

    MixerBlockImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = checkedInput(input);
        MixerBlockLanes lanes = lanes(x, training);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        float[] mean1 = training ? null : read(DW + MEAN);
        float[] var1 = training ? null : variance(DW + LOG_STD);
        float[] mean2 = training ? null : read(PW + MEAN);
        float[] var2 = training ? null : variance(PW + LOG_STD);
        lanes.forward(HostArrays.bytes(x), blockParams(), training, mean1, var1, mean2, var2, HostArrays.bytes(out));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = checkedInput(input);
        MixerBlockLanes lanes = trainingLanes;
        if (lanes == null || !Arrays.equals(x.shape(), shapeOf(lanes))) {
            throw new IllegalStateException("mixer block '" + layerConf().getLayerName()
                    + "': backprop without a training forward pass on this input " + layerId());
        }
        INDArray dy = contiguous(epsilon);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        MixerBlockLanes.Shape s = lanes.shape();
        MixerBlockLanes.Gradients g = MixerBlockLanes.Gradients.of(s.c(), s.k());
        lanes.backward(blockParams(), HostArrays.bytes(dy), HostArrays.bytes(dx), g);
        Gradient gradient = new DefaultGradient();
        put(gradient, DW + W, g.dwW());
        put(gradient, DW + B, g.dwB());
        put(gradient, DW + GAMMA, g.gamma1());
        put(gradient, DW + BETA, g.beta1());
        statistics(gradient, DW + MEAN, DW + LOG_STD, lanes.batchMean(1), lanes.batchVariance(1));
        put(gradient, PW + W, g.pwW());
        put(gradient, PW + B, g.pwB());
        put(gradient, PW + GAMMA, g.gamma2());
        put(gradient, PW + BETA, g.beta2());
        statistics(gradient, PW + MEAN, PW + LOG_STD, lanes.batchMean(2), lanes.batchVariance(2));
        return new Pair<>(gradient, dx);
    }

    private MixerBlockLanes.Params blockParams() {
        return new MixerBlockLanes.Params(read(DW + W), read(DW + B), read(DW + GAMMA), read(DW + BETA), read(PW + W),
                read(PW + B), read(PW + GAMMA), read(PW + BETA), (float) layerConf().getEps());
    }

    private MixerBlockLanes lanes(INDArray x, boolean training) {
        MixerBlockLanes current = training ? trainingLanes : inferenceLanes;
        if (current == null || !Arrays.equals(x.shape(), shapeOf(current))) {
            MixerBlockLanes.Shape shape = new MixerBlockLanes.Shape((int) x.size(0), (int) x.size(1), (int) x.size(2),
                    (int) x.size(3), layerConf().getKernel());
            if (training) {
                requireHeap(layerConf().getLayerName(), shape, MixerBlockLanes.trainingHeapBytes(shape), Runtime.getRuntime());
            }
            current = new MixerBlockLanes(shape, training);
            if (training) {
                trainingLanes = current;
            } else {
                inferenceLanes = current;
            }
        }
        return current;
    }

    /** {@link FusedLayerImpl#requireHeap} for a block of {@code shape}. */
    static void requireHeap(String layer, MixerBlockLanes.Shape shape, long needed, Runtime runtime) {
        requireHeap("mixer block '" + layer + "'", shape.n() + "x" + shape.c() + "x" + shape.h() + "x" + shape.w(), needed,
                runtime);
    }

    private static long[] shapeOf(MixerBlockLanes lanes) {
        MixerBlockLanes.Shape s = lanes.shape();
        return new long[] {s.n(), s.c(), s.h(), s.w()};
    }
}
