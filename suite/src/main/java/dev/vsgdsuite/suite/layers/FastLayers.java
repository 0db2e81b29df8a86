package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.suite.kernels.BatchNormLanes;
import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import dev.vsgdsuite.vsgd.HostArrays;
import java.lang.reflect.Field;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a built network the suite's SIMD layer helpers where they apply: {@link dev.vsgdsuite.suite.kernels.BatchNormLanes} for
 * batch normalisation (GELU's fused pass is inside {@link ExactGelu} already). DL4J 1.0.0-M2.1 picks a
 * layer's helper from two hard-coded class names (cuDNN, oneDNN) and offers no way to register
 * another, so the helper is set on the layer's {@code helper} field; {@code FastLayersTest} pins that
 * field, so a DL4J version without it fails the build rather than silently running slower.
 * Equality with DL4J's oneDNN helper, forward and backward, is tested there too.
 *
 * <p>{@code -Dsuite.fastLayers=false} keeps DL4J's helpers (a cross-check).
 */
public final class FastLayers {

    private static final Logger LOG = LoggerFactory.getLogger(FastLayers.class);
    static final String PROPERTY = SuiteSwitches.FAST_LAYERS.name();

    private FastLayers() {}

    /** Installs the helpers on every layer that can take one; returns how many layers got one. */
    public static int install(ComputationGraph graph) {
        if (!HostArrays.hostKernels() || !HostArrays.simd() || SuiteSwitches.FAST_LAYERS.is("false")) {
            return 0;
        }
        int installed = 0;
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof BatchNormalization
                    && !((org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer()).isLockGammaBeta()) {
                setHelper((BatchNormalization) layer, new BatchNormLanes());
                installed++;
            }
        }
        return installed;
    }

    static void setHelper(BatchNormalization layer, Object helper) {
        try {
            Field field = BatchNormalization.class.getDeclaredField("helper");
            field.setAccessible(true);
            field.set(layer, helper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not install the SIMD batch-norm helper ({}); DL4J's own path runs", e.toString());
        }
    }
}
