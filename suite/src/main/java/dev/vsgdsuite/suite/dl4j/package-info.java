/**
 * The suite's fixes and fast CPU paths for DeepLearning4J 1.0.0-M2.1: everything the suite does
 * because DL4J M2.1 does not do it, or does it wrongly or slowly, in one place.
 *
 * <ul>
 *   <li>{@link dev.vsgdsuite.suite.dl4j.Dl4jRuntime}: puts DL4J into the configuration every run needs
 *       (oneDNN on, DL4J's layer helpers switched on) and reports what it got.</li>
 *   <li>{@link dev.vsgdsuite.suite.dl4j.ExactGelu}: PyTorch's erf GELU, which M2.1 lacks (its
 *       {@code Activation.GELU} and "precise" GELU are approximations); fused into one SIMD pass by
 *       {@code GeluLanes} where the arrays allow.</li>
 *   <li>{@link dev.vsgdsuite.suite.dl4j.FastLayers}: installs {@code BatchNormLanes}, a SIMD batch
 *       norm, as a layer's helper, which M2.1 offers no way to register.</li>
 *   <li>{@link dev.vsgdsuite.suite.dl4j.GroupedConvolutionLayer}: PyTorch's grouped convolution
 *       ({@code groups=G}), which M2.1 lacks, as one layer running nd4j's convolution per group on
 *       views ({@code GroupedConvolution2DLayer}).</li>
 *   <li>{@link dev.vsgdsuite.suite.dl4j.CachingDepthwiseConvolution2D}: M2.1's depthwise convolution
 *       computes its forward pass again in backprop even when the network caches; this one reuses it.</li>
 *   <li>The Java kernels work on nd4j arrays in place through the library's
 *       {@link dev.vsgdsuite.vsgd.HostArrays}, which also decides when they may run at all (not on
 *       CUDA, not under the CUDA-path emulation).</li>
 * </ul>
 *
 * <p>The rest of the suite reaches DL4J's quirks only through this package. One fix cannot live here:
 * {@code org.nd4j.nativeblas.Nd4jCpu} (in {@code suite/src/main/java/org/nd4j/nativeblas/}) must carry
 * that exact name, because DL4J M2.1's oneDNN helpers look the class up by it to ask whether oneDNN
 * is on, and nd4j-native M2.1 moved it; without the shim DL4J silently skips oneDNN.
 * {@code Dl4jRuntime} reads it too; {@code OneDnnHelpersTest} checks that both work.
 */
package dev.vsgdsuite.suite.dl4j;
