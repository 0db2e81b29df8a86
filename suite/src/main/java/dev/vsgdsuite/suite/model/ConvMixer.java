package dev.vsgdsuite.suite.model;

import dev.vsgdsuite.suite.layers.AveragePoolLayer;
import dev.vsgdsuite.suite.layers.ExactGelu;
import dev.vsgdsuite.suite.layers.MixerBlockLayer;
import dev.vsgdsuite.suite.layers.MixerBlocks;
import dev.vsgdsuite.suite.layers.SoftmaxOutputLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ConvMixer (Trockman &amp; Kolter) as the authors use it: patch embedding Conv(k=patch, stride=patch)
 * → GELU → BN; then {@code depth} blocks of a residual [depthwise Conv(kernel, 'same') → GELU → BN]
 * followed by Conv 1×1 → GELU → BN; global average pool; linear. GELU is the exact erf form; all
 * convolutions have biases; weights and biases use PyTorch's default initialisation. On the CPU
 * the patch embedding is one {@link dev.vsgdsuite.suite.layers.PatchEmbeddingLayer} and each block
 * one {@link MixerBlockLayer} (the same function, fewer native calls; {@code -Dsuite.mixerBlocks=layers}
 * builds DL4J's layers instead).
 *
 * @param dim      channels of every block
 * @param depth    number of blocks
 * @param kernel   depthwise kernel size
 * @param patch    patch size (kernel and stride of the embedding)
 * @param channels input channels
 * @param height   input height
 * @param width    input width
 * @param classes  output classes
 */
public record ConvMixer(int dim, int depth, int kernel, int patch, int channels, int height, int width, int classes)
        implements ModelSpec {

    public ConvMixer {
        Checks.positive("convmixer", "dim", dim);
        Checks.positive("convmixer", "depth", depth);
        Checks.positive("convmixer", "kernel", kernel);
        if (kernel % 2 == 0) {
            throw new InvalidModelException("kernel", "convmixer: kernel = " + kernel + " must be odd ('same' padding)");
        }
        Checks.positive("convmixer", "patch", patch);
        Checks.input("convmixer", channels, height, width, classes);
        if (height % patch != 0 || width % patch != 0) {
            throw new InvalidModelException("patch", "convmixer: patch = " + patch + " must divide the input size "
                    + height + "x" + width);
        }
    }

    @Override
    public String name() {
        return "convmixer_" + dim + "_" + depth + "_k" + kernel + "_p" + patch;
    }

    @Override
    public ComputationGraphConfiguration configuration(long seed) {
        IActivation gelu = new ExactGelu();
        ComputationGraphConfiguration.GraphBuilder g = Blocks.graph(this, seed);
        String x = "patch";
        if (MixerBlocks.fusedPatchEmbedding()) {
            g.addLayer(x, MixerBlocks.patchEmbedding(channels, dim, patch, Blocks.BN_EPS, Blocks.BN_DECAY,
                    Blocks.uniform(bound((long) channels * patch * patch))), "in");
        } else {
            g.addLayer(x, Blocks.conv(channels, dim, patch, patch, 0, true,
                    Blocks.uniform(bound((long) channels * patch * patch)), gelu), "in");
            g.addLayer("patch_bn", Blocks.batchNorm(dim), x);
            x = "patch_bn";
        }
        for (int b = 0; b < depth; b++) {
            if (MixerBlocks.fused()) {
                g.addLayer("block" + b, MixerBlocks.layer(dim, kernel, Blocks.BN_EPS, Blocks.BN_DECAY,
                        Blocks.uniform(bound((long) kernel * kernel))), x);
                x = "block" + b;
                continue;
            }
            String p = "block" + b + "_";
            g.addLayer(p + "dw", Blocks.depthwiseSame(dim, kernel, Blocks.uniform(bound((long) kernel * kernel)), gelu), x);
            g.addLayer(p + "dw_bn", Blocks.batchNorm(dim), p + "dw");
            g.addVertex(p + "residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "dw_bn", x);
            g.addLayer(p + "pw", Blocks.conv(dim, dim, 1, 1, 0, true, Blocks.uniform(bound(dim)), gelu), p + "residual");
            g.addLayer(p + "pw_bn", Blocks.batchNorm(dim), p + "pw");
            x = p + "pw_bn";
        }
        if (MixerBlocks.fusedHead()) {
            g.addLayer("pool", new AveragePoolLayer.Builder().build(), x);
            g.addLayer("out", SoftmaxOutputLayer.of(dim, classes, Blocks.uniform(bound(dim))), "pool");
        } else {
            g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
            g.addLayer("out", Blocks.classifier(dim, classes, Blocks.uniform(bound(dim))), "pool");
        }
        return g.setOutputs("out").build();
    }

    /** PyTorch's default init: weights and biases of every conv and linear layer U(±1/√fan_in). */
    @Override
    public void initialise(ComputationGraph graph, long seed) {
        Init.apply(graph, seed, (layer, param, values, rng) -> {
            if (graph.getLayer(layer).conf().getLayer() instanceof MixerBlockLayer block) {
                return initialiseBlock(block, layer, param, values, seed);
            }
            if (!param.equals("W") && !param.equals("b")) {
                return false;
            }
            Init.uniform(values, 1 / Math.sqrt(Blocks.fanIn(graph.getLayer(layer).conf().getLayer())), rng);
            return true;
        });
    }

    /**
     * A fused block's convolution weights and biases get the very values the layered network's
     * layers {@code <block>_dw} and {@code <block>_pw} would draw (same generators, DL4J's depthwise
     * weight order [k, k, c, 1] rearranged to the block's [c, 1, k, k]), so a seed gives the same
     * network either way: fused on the CPU, layered on a GPU and in gpu-check's reference.
     */
    private static boolean initialiseBlock(MixerBlockLayer block, String layer, String param, INDArray values, long seed) {
        long fanIn = MixerBlocks.fanIn(block, param);
        if (fanIn <= 0) {
            return false;
        }
        String layered = layer + (param.startsWith("dw") ? "_dw" : "_pw");
        float[] drawn = Init.uniform(Math.toIntExact(values.length()), 1 / Math.sqrt(fanIn),
                Init.rng(seed, layered, param.endsWith("W") ? "W" : "b"));
        float[] ordered = drawn;
        if (param.equals("dwW")) {
            int c = (int) block.getNIn();
            int kk = block.getKernel() * block.getKernel();
            ordered = new float[drawn.length];
            for (int ch = 0; ch < c; ch++) {
                for (int t = 0; t < kk; t++) {
                    ordered[ch * kk + t] = drawn[t * c + ch];
                }
            }
        }
        values.assign(Nd4j.createFromArray(ordered).reshape('c', values.shape()));
        return true;
    }

    /** PyTorch's default kaiming_uniform(a=√5) bound for weights and biases: 1/√fan_in. */
    private static double bound(long fanIn) {
        return 1 / Math.sqrt(fanIn);
    }
}
