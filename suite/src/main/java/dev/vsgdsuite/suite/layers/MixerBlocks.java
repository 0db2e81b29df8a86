package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import dev.vsgdsuite.vsgd.HostArrays;

import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * Whether ConvMixer's patch embedding and blocks are built as one {@link PatchEmbeddingLayer} and
 * one {@link MixerBlockLayer} each (the default where the CPU's SIMD kernels run) or as DL4J's layers
 * ({@code -Dsuite.mixerBlocks=layers}, and always on other backends): the same function either way,
 * to float rounding (MixerBlockLayerTest).
 */
public final class MixerBlocks {

    static final String PROPERTY = SuiteSwitches.MIXER_BLOCKS.name();

    private MixerBlocks() {}

    /** True when a network built now gets fused blocks. */
    public static boolean fused() {
        return HostArrays.hostKernels() && HostArrays.simd() && !SuiteSwitches.MIXER_BLOCKS.is("layers");
    }

    /** True when a network built now gets a fused patch embedding ({@code blocks} keeps DL4J's, for comparison). */
    public static boolean fusedPatchEmbedding() {
        return fused() && !SuiteSwitches.MIXER_BLOCKS.is("blocks");
    }

    /**
     * True when a network built now gets the host's pooling and softmax output ({@link AveragePoolLayer},
     * {@link SoftmaxOutputLayer}) instead of DL4J's, with the fused patch embedding.
     */
    public static boolean fusedHead() {
        return fusedPatchEmbedding();
    }

    /** A block of {@code channels} channels, depthwise kernel {@code kernel}, batch norm ε and decay as DL4J's. */
    public static MixerBlockLayer layer(int channels, int kernel, double eps, double decay, IWeightInit init) {
        return new MixerBlockLayer.Builder().nIn(channels).nOut(channels).kernel(kernel).eps(eps).decay(decay)
                .weightInit(init).biasInit(0).build();
    }

    /** The patch embedding: {@code channels} in, {@code dim} out, kernel and stride {@code patch}, batch norm ε and decay. */
    public static PatchEmbeddingLayer patchEmbedding(int channels, int dim, int patch, double eps, double decay,
                                                     IWeightInit init) {
        return new PatchEmbeddingLayer.Builder().nIn(channels).nOut(dim).patch(patch).eps(eps).decay(decay)
                .weightInit(init).biasInit(0).build();
    }

    /**
     * Inputs feeding one output unit of the block's convolution that {@code param} belongs to (PyTorch's
     * fan-in: k·k for the depthwise weight and bias, the channels for the pointwise ones); 0 for
     * batch norm's parameters.
     */
    public static long fanIn(MixerBlockLayer layer, String param) {
        String dw = MixerBlockParamInitializer.DW;
        String pw = MixerBlockParamInitializer.PW;
        if (param.equals(dw + MixerBlockParamInitializer.W) || param.equals(dw + MixerBlockParamInitializer.B)) {
            return (long) layer.getKernel() * layer.getKernel();
        }
        if (param.equals(pw + MixerBlockParamInitializer.W) || param.equals(pw + MixerBlockParamInitializer.B)) {
            return layer.getNIn();
        }
        return 0;
    }
}
