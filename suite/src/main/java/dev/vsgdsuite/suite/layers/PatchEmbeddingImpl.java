package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.suite.kernels.PatchEmbeddingLanes;
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

import static dev.vsgdsuite.suite.layers.PatchEmbeddingParamInitializer.B;
import static dev.vsgdsuite.suite.layers.PatchEmbeddingParamInitializer.BETA;
import static dev.vsgdsuite.suite.layers.PatchEmbeddingParamInitializer.GAMMA;
import static dev.vsgdsuite.suite.layers.PatchEmbeddingParamInitializer.LOG_STD;
import static dev.vsgdsuite.suite.layers.PatchEmbeddingParamInitializer.MEAN;
import static dev.vsgdsuite.suite.layers.PatchEmbeddingParamInitializer.W;

/**
 * The computation of a {@link PatchEmbeddingLayer}: {@link PatchEmbeddingLanes} on the activations'
 * memory, the gradients and the running statistics' steps written into the gradient views ({@link
 * FusedLayerImpl}).
 */
public class PatchEmbeddingImpl extends FusedLayerImpl<PatchEmbeddingLayer> {

    private static final long serialVersionUID = 1L;

    /** One kernel per input shape in use: the training batch, and evaluation's. */
    private transient PatchEmbeddingLanes trainingLanes;
    private transient PatchEmbeddingLanes inferenceLanes;

    PatchEmbeddingImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = checkedInput(input);
        PatchEmbeddingLanes lanes = lanes(x, training);
        int p = layerConf().getPatch();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {x.size(0), layerConf().getNOut(), x.size(2) / p, x.size(3) / p}, 'c');
        lanes.forward(HostArrays.bytes(x), embeddingParams(), training, training ? null : read(MEAN),
                training ? null : variance(LOG_STD), HostArrays.bytes(out));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = checkedInput(input);
        PatchEmbeddingLanes lanes = trainingLanes;
        if (lanes == null || !Arrays.equals(x.shape(), shapeOf(lanes))) {
            throw new IllegalStateException("patch embedding '" + layerConf().getLayerName()
                    + "': backprop without a training forward pass on this input " + layerId());
        }
        INDArray dy = contiguous(epsilon);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        PatchEmbeddingLanes.Gradients g = PatchEmbeddingLanes.Gradients.of(lanes.shape());
        lanes.backward(embeddingParams(), HostArrays.bytes(dy), HostArrays.bytes(dx), g);
        Gradient gradient = new DefaultGradient();
        put(gradient, W, g.w());
        put(gradient, B, g.b());
        put(gradient, GAMMA, g.gamma());
        put(gradient, BETA, g.beta());
        statistics(gradient, MEAN, LOG_STD, lanes.batchMean(), lanes.batchVariance());
        return new Pair<>(gradient, dx);
    }

    private PatchEmbeddingLanes.Params embeddingParams() {
        return new PatchEmbeddingLanes.Params(read(W), read(B), read(GAMMA), read(BETA), (float) layerConf().getEps());
    }

    private PatchEmbeddingLanes lanes(INDArray x, boolean training) {
        PatchEmbeddingLanes current = training ? trainingLanes : inferenceLanes;
        if (current == null || !Arrays.equals(x.shape(), shapeOf(current))) {
            PatchEmbeddingLanes.Shape shape = new PatchEmbeddingLanes.Shape((int) x.size(0), (int) x.size(1),
                    (int) x.size(2), (int) x.size(3), layerConf().getPatch(), (int) layerConf().getNOut());
            requireHeap("patch embedding '" + layerConf().getLayerName() + "'", shape.n() + "x" + shape.cIn() + "x"
                    + shape.h() + "x" + shape.w(), PatchEmbeddingLanes.heapBytes(shape), Runtime.getRuntime());
            current = new PatchEmbeddingLanes(shape);
            if (training) {
                trainingLanes = current;
            } else {
                inferenceLanes = current;
            }
        }
        return current;
    }

    private static long[] shapeOf(PatchEmbeddingLanes lanes) {
        PatchEmbeddingLanes.Shape s = lanes.shape();
        return new long[] {s.n(), s.cIn(), s.h(), s.w()};
    }
}
