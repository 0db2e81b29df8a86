package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.vsgd.HostArrays;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The computation of an {@link AveragePoolLayer}: each (sample, channel) plane summed in order and
 * divided by its size; backprop spreads each output gradient over its plane divided by the same
 * size. Why: DL4J's pooling layer is a reduction and a broadcast of nd4j ops with their per-call
 * set-up, a tenth of the fused demo's iteration (docs/PERFORMANCE.md) for a pass over 100,000 floats.
 */
public class AveragePoolImpl extends AbstractLayer<AveragePoolLayer> {

    private static final long serialVersionUID = 1L;

    AveragePoolImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = checked(input);
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int hw = (int) (x.size(2) * x.size(3));
        float[] plane = new float[hw];
        float[] means = new float[n * c];
        FloatBuffer in = HostArrays.bytes(x).asFloatBuffer();
        for (int p = 0; p < n * c; p++) {
            in.get(p * hw, plane, 0, hw);
            float sum = 0f;
            for (int i = 0; i < hw; i++) {
                sum += plane[i];
            }
            means[p] = sum / hw;
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {n, c}, 'c');
        HostArrays.bytes(out).asFloatBuffer().put(means);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = input;
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int hw = (int) (x.size(2) * x.size(3));
        INDArray dy = FusedLayerImpl.contiguous(epsilon);
        float[] upstream = new float[n * c];
        HostArrays.bytes(dy).asFloatBuffer().get(upstream);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        FloatBuffer out = HostArrays.bytes(dx).asFloatBuffer();
        float[] plane = new float[hw];
        for (int p = 0; p < n * c; p++) {
            Arrays.fill(plane, upstream[p] / hw);
            out.put(p * hw, plane, 0, hw);
        }
        return new Pair<>(new DefaultGradient(), dx);
    }

    private INDArray checked(INDArray in) {
        if (!HostArrays.hostKernels()) {
            throw new IllegalStateException("average pool '" + layerConf().getLayerName() + "' reads the activations on the "
                    + "host, which this backend does not allow (" + HostArrays.backendName() + "); build the network with -D"
                    + MixerBlocks.PROPERTY + "=layers");
        }
        if (in.rank() != 4) {
            throw new DL4JInvalidInputException("average pool '" + layerConf().getLayerName() + "' expects [minibatch, "
                    + "channels, height, width], got " + Arrays.toString(in.shape()) + " " + layerId());
        }
        return FusedLayerImpl.contiguous(in);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public Type type() {
        return Type.SUBSAMPLING;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        if (maskArray != null) {
            throw new UnsupportedOperationException("average pool '" + layerConf().getLayerName() + "' takes no masks");
        }
        return new Pair<>(null, currentMaskState);
    }
}
