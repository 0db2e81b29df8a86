package dev.vsgdsuite.suite.layers;

import java.util.Arrays;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of a {@link GroupedConvolutionLayer}: per group g, nd4j's {@code conv2d} (forward)
 * or {@code conv2d_bp} (backward) on input channels [g·ci, (g+1)·ci) and weight rows [g·co, (g+1)·co).
 * Each op writes straight into its channel block of one output (or input-gradient) array and into
 * its rows of the layer's weight-gradient view.
 *
 * <p>Why not DL4J parts: a channel-subset vertex per group, a convolution per group and a merge
 * vertex compute the same function, but in backprop each subset vertex allocates a zero array of the
 * whole input and the graph then sums G of them; with G = 8 that was a fifth of a ResNeXt-18
 * iteration. Here nothing is allocated per group and nothing is summed.
 *
 * <p>The group blocks are strided views (a channel range of an NCHW array); nd4j's convolution
 * kernels, oneDNN's and its own, read and write through strides, so no block is copied. The
 * weights go to the ops in their stored {@code [out, in, kH, kW]} layout (the op's weight format
 * OIYX), so they are not permuted either. Each op's reductions are those of nd4j's convolution, so
 * a fixed seed on a fixed machine gives the same numbers run to run, as for DL4J's layers.
 *
 * <p>The activation function is applied to the convolution's output as DL4J's ConvolutionLayer does.
 * Backprop needs the pre-activation only for a non-identity activation, and then recomputes it (DL4J's
 * convolution does so too unless a helper cached it); the suite's networks use the identity.
 */
public class GroupedConvolutionImpl extends BaseLayer<GroupedConvolutionLayer> {

    private static final long serialVersionUID = 1L;

    /** conv2d's 10th integer argument: weights as [out, in, kH, kW] (nd4j's WeightsFormat.OIYX). */
    private static final int WEIGHTS_OIYX = 1;

    GroupedConvolutionImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return layerConf().hasBias();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        return layerConf().getActivationFn().getActivation(preOutput(training, workspaceMgr), training);
    }

    /** The convolution's output before the activation, in the ACTIVATIONS workspace. */
    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = checkedInput();
        INDArray w = getParamWithNoise(GroupedConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray b = hasBias() ? getParamWithNoise(GroupedConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        Geometry geo = geometry(x);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {x.size(0), layerConf().getNOut(), geo.outH, geo.outW}, 'c');
        int groups = layerConf().getGroups();
        long ci = x.size(1) / groups;
        long co = layerConf().getNOut() / groups;
        for (int g = 0; g < groups; g++) {
            INDArray[] in = b == null ? new INDArray[] {channels(x, g, ci, groups), rows(w, g, co, groups)}
                    : new INDArray[] {channels(x, g, ci, groups), rows(w, g, co, groups), rows(b, g, co, groups)};
            Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(in).addOutputs(channels(out, g, co, groups))
                    .addIntegerArguments(geo.intArgs).build());
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = checkedInput();
        INDArray w = getParamWithNoise(GroupedConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray b = hasBias() ? getParamWithNoise(GroupedConvolutionParamInitializer.BIAS_KEY, true, workspaceMgr) : null;
        INDArray delta = epsilon;
        IActivation activation = layerConf().getActivationFn();
        if (!(activation instanceof ActivationIdentity)) {
            delta = activation.backprop(preOutput(true, workspaceMgr), epsilon).getFirst();
        }
        Geometry geo = geometry(x);
        INDArray weightGrad = gradientViews.get(GroupedConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = gradientViews.get(GroupedConvolutionParamInitializer.BIAS_KEY);
        INDArray inputGrad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        int groups = layerConf().getGroups();
        long ci = x.size(1) / groups;
        long co = layerConf().getNOut() / groups;
        for (int g = 0; g < groups; g++) {
            INDArray xg = channels(x, g, ci, groups);
            INDArray wg = rows(w, g, co, groups);
            INDArray dg = channels(delta, g, co, groups);
            INDArray[] in = b == null ? new INDArray[] {xg, wg, dg} : new INDArray[] {xg, wg, rows(b, g, co, groups), dg};
            INDArray[] out = b == null
                    ? new INDArray[] {channels(inputGrad, g, ci, groups), rows(weightGrad, g, co, groups)}
                    : new INDArray[] {channels(inputGrad, g, ci, groups), rows(weightGrad, g, co, groups),
                        rows(biasGrad, g, co, groups)};
            Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(in).addOutputs(out)
                    .addIntegerArguments(geo.intArgs).build());
        }
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(GroupedConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        if (b != null) {
            gradient.setGradientFor(GroupedConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGrad));
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        if (maskArray == null) {
            return new Pair<>(null, currentMaskState);
        }
        GroupedConvolutionLayer c = layerConf();
        return new Pair<>(ConvolutionUtils.cnn2dMaskReduction(maskArray, c.getKernelSize(), c.getStride(),
                c.getPadding(), c.getDilation(), c.getConvolutionMode()), currentMaskState);
    }

    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("a grouped convolution is not a pretrain layer");
    }

    /** The input as a rank-4 NCHW array of the network's data type with the configured channels. */
    private INDArray checkedInput() {
        if (input.rank() != 4 || input.size(1) != layerConf().getNIn()) {
            throw new DL4JInvalidInputException("grouped convolution '" + layerConf().getLayerName()
                    + "' expects [minibatch, " + layerConf().getNIn() + ", height, width] (NCHW), got "
                    + Arrays.toString(input.shape()) + " " + layerId());
        }
        return input.castTo(dataType);
    }

    /** Channels [g·n, (g+1)·n) of an NCHW array: a view. */
    private static INDArray channels(INDArray nchw, int g, long n, int groups) {
        return groups == 1 ? nchw : block(nchw, 1, g * n, n);
    }

    /** Rows [g·n, (g+1)·n) along dimension 0 (weights, bias): a contiguous view. */
    private static INDArray rows(INDArray array, int g, long n, int groups) {
        return groups == 1 ? array : block(array, 0, g * n, n);
    }

    /**
     * Indices [from, from + count) along {@code dim} of {@code array}, as a view on its buffer. Built
     * from the strides rather than with {@code get(interval)}: nd4j M2.1's {@code get} compares
     * absolute buffer offsets with the array's own length, so on an array that is itself a view at an
     * offset (a layer's weights inside the network's parameters) it returned an empty array for the
     * later groups.
     */
    static INDArray block(INDArray array, int dim, long from, long count) {
        long[] shape = array.shape().clone();
        shape[dim] = count;
        return Nd4j.create(array.data(), shape, array.stride(), array.offset() + from * array.stride(dim),
                array.ordering());
    }

    /** Output size and the ops' integer arguments for this input, padding as DL4J's convolution mode says. */
    private Geometry geometry(INDArray x) {
        GroupedConvolutionLayer c = layerConf();
        int[] kernel = c.getKernelSize();
        int[] stride = c.getStride();
        int[] dilation = c.getDilation();
        ConvolutionMode mode = c.getConvolutionMode();
        int[] pad = mode == ConvolutionMode.Same ? null : c.getPadding();
        int[] out = ConvolutionUtils.getOutputSize(x, kernel, stride, pad, mode, dilation, CNN2DFormat.NCHW);
        if (mode == ConvolutionMode.Same) {
            pad = ConvolutionUtils.getSameModeTopLeftPadding(out, new int[] {(int) x.size(2), (int) x.size(3)}, kernel,
                    stride, dilation);
        }
        int[] intArgs = {kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0], dilation[1],
            mode == ConvolutionMode.Same ? 1 : 0, 0 /* NCHW */, WEIGHTS_OIYX};
        return new Geometry(out[0], out[1], intArgs);
    }

    private record Geometry(int outH, int outW, int[] intArgs) {}
}
