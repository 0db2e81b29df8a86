package dev.vsgdsuite.suite.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link GroupedConvolutionLayer} in the layer's flat view: the weight
 * {@code W} first, {@code [nOut, nIn/groups, kH, kW]} in c order (PyTorch's layout; each group's
 * block of output rows is one contiguous run), then the optional bias {@code b}, {@code [nOut]}.
 * DL4J's weight initialisation gets PyTorch's fans: in = nIn/groups·kH·kW, out = nOut·kH·kW.
 */
final class GroupedConvolutionParamInitializer implements ParamInitializer {

    static final GroupedConvolutionParamInitializer INSTANCE = new GroupedConvolutionParamInitializer();
    static final String WEIGHT_KEY = "W";
    static final String BIAS_KEY = "b";

    private GroupedConvolutionParamInitializer() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        GroupedConvolutionLayer c = (GroupedConvolutionLayer) layer;
        return weightCount(c) + (c.hasBias() ? c.getNOut() : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return ((GroupedConvolutionLayer) layer).hasBias() ? List.of(WEIGHT_KEY, BIAS_KEY) : List.of(WEIGHT_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return ((GroupedConvolutionLayer) layer).hasBias() ? List.of(BIAS_KEY) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        GroupedConvolutionLayer c = (GroupedConvolutionLayer) conf.getLayer();
        Map<String, INDArray> params = views(c, paramsView);
        if (initializeParams) {
            int[] k = c.getKernelSize();
            double fanIn = (double) c.getNIn() / c.getGroups() * k[0] * k[1];
            double fanOut = (double) c.getNOut() * k[0] * k[1];
            INDArray w = params.get(WEIGHT_KEY);
            c.getWeightInitFn().init(fanIn, fanOut, w.shape(), 'c', GroupedConvolutionImpl.block(flat(paramsView), 0, 0, w.length()));
            if (c.hasBias()) {
                params.get(BIAS_KEY).assign(c.getBiasInit());
            }
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((GroupedConvolutionLayer) conf.getLayer(), gradientView);
    }

    /** W and b as views of {@code flatView}, in their order there. */
    private static Map<String, INDArray> views(GroupedConvolutionLayer c, INDArray flatView) {
        INDArray flat = flat(flatView);
        long weights = weightCount(c);
        if (flat.length() != numParamsOf(c)) {
            throw new IllegalStateException("grouped convolution '" + c.getLayerName() + "': parameter view has "
                    + flat.length() + " values, expected " + numParamsOf(c));
        }
        int[] k = c.getKernelSize();
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(WEIGHT_KEY, GroupedConvolutionImpl.block(flat, 0, 0, weights)
                .reshape('c', c.getNOut(), c.getNIn() / c.getGroups(), k[0], k[1]));
        if (c.hasBias()) {
            views.put(BIAS_KEY, GroupedConvolutionImpl.block(flat, 0, weights, c.getNOut()));
        }
        return views;
    }

    private static long numParamsOf(GroupedConvolutionLayer c) {
        return INSTANCE.numParams(c);
    }

    private static long weightCount(GroupedConvolutionLayer c) {
        int[] k = c.getKernelSize();
        return c.getNOut() * (c.getNIn() / c.getGroups()) * k[0] * k[1];
    }

    /** DL4J hands a layer its parameters as a row of the network's flat array; as a vector. */
    private static INDArray flat(INDArray view) {
        return view.rank() == 1 ? view : view.reshape(view.length());
    }
}
