/**
 * The suite's SIMD kernels for the layers (JDK's Vector API, {@code jdk.incubator.vector}): they work
 * on nd4j arrays in place through the library's {@link dev.vsgdsuite.vsgd.HostArrays}, which also
 * decides when they may run at all (the CPU backend, not CUDA or its emulation).
 *
 * <ul>
 *   <li>{@link dev.vsgdsuite.suite.kernels.GeluLanes}: exact GELU forward and backward in one pass each,
 *       for {@code layers.ExactGelu}.</li>
 *   <li>{@link dev.vsgdsuite.suite.kernels.BatchNormLanes}: batch normalisation as a DL4J layer helper,
 *       installed by {@code layers.FastLayers}.</li>
 * </ul>
 *
 * <p>Each computes the function of the path it replaces to float rounding (GeluLanesTest,
 * ExactGeluFusedTest, FastLayersTest) and is switched off by a declared switch
 * ({@code suite.gelu=ops}, {@code suite.fastLayers=false}). The optimizers' kernels live with their
 * optimizers ({@code optim.TorchAdamLanes}, the library's VSGD lanes).
 */
package dev.vsgdsuite.suite.kernels;
