package dev.vsgdsuite.suite.layers;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link PatchEmbeddingLayer} in the layer's flat view, with the keys of DL4J's
 * convolution and batch norm, in this order: weight {@code W [nOut, nIn, p, p]} and bias {@code b
 * [nOut]}; {@code gamma}, {@code beta}, running {@code mean} and {@code log10stdev} (each [nOut]).
 * Initial values: DL4J's weight init with PyTorch's fans, the configured bias, γ = 1, β = 0, mean 0
 * and log10 σ = 0 (variance 1), as DL4J's batch norm.
 */
public final class PatchEmbeddingParamInitializer implements ParamInitializer {

    static final PatchEmbeddingParamInitializer INSTANCE = new PatchEmbeddingParamInitializer();
    static final String W = ConvolutionParamInitializer.WEIGHT_KEY;
    static final String B = ConvolutionParamInitializer.BIAS_KEY;
    static final String GAMMA = BatchNormalizationParamInitializer.GAMMA;
    static final String BETA = BatchNormalizationParamInitializer.BETA;
    static final String MEAN = BatchNormalizationParamInitializer.GLOBAL_MEAN;
    static final String LOG_STD = BatchNormalizationParamInitializer.GLOBAL_LOG_STD;
    private static final List<String> KEYS = List.of(W, B, GAMMA, BETA, MEAN, LOG_STD);

    private PatchEmbeddingParamInitializer() {}

    /** A running statistic: set by the layer, not trained. */
    public static boolean isStatistic(String key) {
        return key.equals(MEAN) || key.equals(LOG_STD);
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        PatchEmbeddingLayer l = (PatchEmbeddingLayer) layer;
        return l.getNOut() * (l.getNIn() * l.getPatch() * l.getPatch() + 5);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(W);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(B);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return key.equals(W);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return key.equals(B);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        PatchEmbeddingLayer l = (PatchEmbeddingLayer) conf.getLayer();
        Map<String, INDArray> params = views(l, paramsView);
        if (initializeParams) {
            long kk = (long) l.getPatch() * l.getPatch();
            INDArray w = params.get(W);
            l.getWeightInitFn().init(l.getNIn() * kk, l.getNOut() * kk, w.shape(), 'c', w);
            params.get(B).assign(l.getBiasInit());
            params.get(GAMMA).assign(1);
            params.get(BETA).assign(0);
            params.get(MEAN).assign(0);
            params.get(LOG_STD).assign(0);
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((PatchEmbeddingLayer) conf.getLayer(), gradientView);
    }

    /** Every parameter as a view of {@code flatView}, in the order above. */
    private static Map<String, INDArray> views(PatchEmbeddingLayer l, INDArray flatView) {
        long c = l.getNOut();
        int p = l.getPatch();
        return ParamViews.consecutive(flatView, KEYS, key -> key.equals(W) ? new long[] {c, l.getNIn(), p, p} : new long[] {c},
                "patch embedding '" + l.getLayerName() + "'", INSTANCE.numParams(l));
    }
}
