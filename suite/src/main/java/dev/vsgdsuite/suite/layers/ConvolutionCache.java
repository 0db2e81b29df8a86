package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;

/**
 * DL4J 1.0.0-M2.1's convolution layers compute their forward convolution a second time inside their
 * backprop unless the network caches the pre-activation ({@code CacheMode.DEVICE}: a copy kept from
 * the forward pass). Its depthwise layer ignores the cache, so depthwise convolutions are built as
 * {@link CachingDepthwiseConvolution2D}. The cached copy holds the same values, so the function is
 * unchanged (ConvolutionCacheTest); it costs one activation-sized copy per convolution and saves the
 * second convolution. {@code -Dsuite.convCache=false} gives DL4J's default, for cross-checks.
 */
public final class ConvolutionCache {

    private ConvolutionCache() {}

    /** The cache mode a network is built with: DEVICE, or NONE under {@code suite.convCache=false}. */
    public static CacheMode mode() {
        return SuiteSwitches.CONV_CACHE.is("false") ? CacheMode.NONE : CacheMode.DEVICE;
    }

    /** The depthwise convolution {@code builder} describes, checked by DL4J, caching where {@link #mode} does. */
    public static DepthwiseConvolution2D depthwise(DepthwiseConvolution2D.Builder builder) {
        DepthwiseConvolution2D checked = builder.build();   // DL4J's validation of the settings
        return mode() == CacheMode.NONE ? checked : new CachingDepthwiseConvolution2D(builder);
    }
}
