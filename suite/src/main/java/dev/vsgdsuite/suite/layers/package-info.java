/**
 * The layers and the activation the suite adds to DeepLearning4J 1.0.0-M2.1, because M2.1 lacks them
 * or computes them slowly; everything a network's configuration names that is not DL4J's own.
 *
 * <ul>
 *   <li>{@link dev.vsgdsuite.suite.layers.ExactGelu}: PyTorch's erf GELU, which M2.1 lacks (its
 *       {@code Activation.GELU} and "precise" GELU are approximations); one SIMD pass
 *       ({@code kernels.GeluLanes}) where the arrays allow.</li>
 *   <li>Grouped convolution (PyTorch {@code groups=G}), which M2.1 lacks: {@link
 *       dev.vsgdsuite.suite.layers.GroupedConvolution} adds it to a graph, as one
 *       {@link dev.vsgdsuite.suite.layers.GroupedConvolutionLayer} (configuration; computed by
 *       {@code GroupedConvolutionImpl}, parameters laid out by {@code GroupedConvolutionParamInitializer})
 *       or as DL4J parts over {@link dev.vsgdsuite.suite.layers.ChannelSubsetVertex} slices.</li>
 *   <li>{@link dev.vsgdsuite.suite.layers.ConvolutionCache}: the cache mode that keeps M2.1's
 *       convolutions from computing their forward pass again in backprop, and
 *       {@link dev.vsgdsuite.suite.layers.CachingDepthwiseConvolution2D}, the depthwise convolution
 *       that honours it.</li>
 *   <li>{@link dev.vsgdsuite.suite.layers.FastLayers}: installs {@code kernels.BatchNormLanes}, a SIMD
 *       batch norm, as a built layer's helper, which M2.1 offers no way to register.</li>
 * </ul>
 *
 * <p>Saved networks name these classes (DL4J's JSON carries the class name), so a rename here makes
 * older checkpoints unreadable; {@code train.CheckpointCheck} says so by name.
 */
package dev.vsgdsuite.suite.layers;
