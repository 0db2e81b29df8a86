package dev.vsgdsuite.suite.layers;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link MixerBlockLayer} in the layer's flat view, in this order (c channels,
 * kernel k): the depthwise weight {@code dwW [c, 1, k, k]} and bias {@code dwB [c]}; the first batch
 * norm's {@code dwGamma}, {@code dwBeta}, running {@code dwMean} and {@code dwLog10stdev} (each
 * {@code [c]}); the pointwise weight {@code pwW [c, c, 1, 1]} (out, in) and bias {@code pwB}; the
 * second batch norm's {@code pwGamma}, {@code pwBeta}, {@code pwMean}, {@code pwLog10stdev}.
 * Weights are PyTorch's layouts, c order. Initial values: DL4J's weight init with PyTorch's fans,
 * the configured bias, γ = 1, β = 0, mean 0 and log10 σ = 0 (variance 1), as DL4J's batch norm.
 */
public final class MixerBlockParamInitializer implements ParamInitializer {

    static final MixerBlockParamInitializer INSTANCE = new MixerBlockParamInitializer();
    // no '_' in a key: DL4J's updater finds a gradient's layer by the key's last '_'
    static final String DW = "dw";
    static final String PW = "pw";
    static final String W = "W";
    static final String B = "B";
    static final String GAMMA = "Gamma";
    static final String BETA = "Beta";
    static final String MEAN = "Mean";
    static final String LOG_STD = "Log10stdev";
    private static final List<String> KEYS = List.of(DW + W, DW + B, DW + GAMMA, DW + BETA, DW + MEAN, DW + LOG_STD,
            PW + W, PW + B, PW + GAMMA, PW + BETA, PW + MEAN, PW + LOG_STD);

    private MixerBlockParamInitializer() {}

    /** A running statistic: set by the layer, not trained. */
    public static boolean isStatistic(String key) {
        return key.endsWith(MEAN) || key.endsWith(LOG_STD);
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        MixerBlockLayer m = (MixerBlockLayer) layer;
        long c = m.getNIn();
        return c * m.getKernel() * m.getKernel() + c * c + 10 * c;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(DW + W, PW + W);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(DW + B, PW + B);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return key.equals(DW + W) || key.equals(PW + W);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return key.equals(DW + B) || key.equals(PW + B);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        MixerBlockLayer m = (MixerBlockLayer) conf.getLayer();
        Map<String, INDArray> params = views(m, paramsView);
        if (initializeParams) {
            long c = m.getNIn();
            long kk = (long) m.getKernel() * m.getKernel();
            INDArray dw = params.get(DW + W);
            m.getWeightInitFn().init(kk, c * kk, dw.shape(), 'c', dw);
            INDArray pw = params.get(PW + W);
            m.getWeightInitFn().init(c, c, pw.shape(), 'c', pw);
            for (String prefix : List.of(DW, PW)) {
                params.get(prefix + B).assign(m.getBiasInit());
                params.get(prefix + GAMMA).assign(1);
                params.get(prefix + BETA).assign(0);
                params.get(prefix + MEAN).assign(0);
                params.get(prefix + LOG_STD).assign(0);
            }
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((MixerBlockLayer) conf.getLayer(), gradientView);
    }

    /** Every parameter as a view of {@code flatView}, in the order above. */
    private static Map<String, INDArray> views(MixerBlockLayer m, INDArray flatView) {
        long c = m.getNIn();
        int k = m.getKernel();
        return ParamViews.consecutive(flatView, KEYS, key -> key.equals(DW + W) ? new long[] {c, 1, k, k}
                : key.equals(PW + W) ? new long[] {c, c, 1, 1} : new long[] {c}, "mixer block '" + m.getLayerName() + "'",
                INSTANCE.numParams(m));
    }
}
