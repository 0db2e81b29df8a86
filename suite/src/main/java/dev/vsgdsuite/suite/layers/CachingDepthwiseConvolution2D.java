package dev.vsgdsuite.suite.layers;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's depthwise convolution, except that its backprop reuses the pre-activation of the forward
 * pass instead of computing the convolution again. DL4J 1.0.0-M2.1's {@code DepthwiseConvolution2DLayer}
 * always recomputes it (its {@code ConvolutionLayer} parent can cache, its depthwise child ignores the
 * cache). Here the forward pass keeps a copy in DL4J's own FF_CACHE workspace, exactly as DL4J's
 * convolution layer does when the network's {@code CacheMode} is not NONE, and backprop takes it once.
 * Without a cache mode (or where DL4J opens no FF_CACHE workspace, e.g. at inference) nothing is kept
 * and the layer is DL4J's. The copy holds the values the recomputation would give, so the function is
 * the same (ConvolutionCacheTest trains both bit for bit alike).
 *
 * <p>The configuration serialises like DL4J's own (Jackson, this class's name), so saved networks
 * restore with it.
 */
public class CachingDepthwiseConvolution2D extends DepthwiseConvolution2D {

    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    public CachingDepthwiseConvolution2D() {
        super();
    }

    public CachingDepthwiseConvolution2D(DepthwiseConvolution2D.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("DepthwiseConvolution2D", getLayerName(), layerIndex, getNIn(), getNOut());
        CachingDepthwiseConvolution2DLayer layer = new CachingDepthwiseConvolution2DLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** The layer: DL4J's, with the forward pre-activation kept for one backprop. */
    static final class CachingDepthwiseConvolution2DLayer extends DepthwiseConvolution2DLayer {

        CachingDepthwiseConvolution2DLayer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            preOutput = null;   // never a previous pass's
            if (cacheMode == null) {
                cacheMode = CacheMode.NONE;
            }
            applyDropOutIfNecessary(training, workspaceMgr);
            INDArray z = preOutput(training, false, workspaceMgr).getFirst();
            if (training && cacheMode != CacheMode.NONE && workspaceMgr.hasConfiguration(ArrayType.FF_CACHE)
                    && workspaceMgr.isWorkspaceOpen(ArrayType.FF_CACHE)) {
                try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.FF_CACHE)) {
                    preOutput = z.unsafeDuplication();
                }
            }
            return layerConf().getActivationFn().getActivation(z, training);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            if (forBackprop && preOutput != null) {
                return new Pair<>(preOutput, null);
            }
            return super.preOutput(training, forBackprop, workspaceMgr);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            try {
                return super.backpropGradient(epsilon, workspaceMgr);
            } finally {
                preOutput = null;   // used once: backprop's activation derivative works on it in place
            }
        }

        @Override
        public void clear() {
            super.clear();
            preOutput = null;
        }
    }
}
