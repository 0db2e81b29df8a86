package dev.vsgdsuite.suite.model;

import dev.vsgdsuite.suite.layers.GroupedConvolution;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

/**
 * The authors' CIFAR ResNeXt ("ResNeXt-18": cardinality 8, depth 18, widen factor 4): stem Conv 3×3
 * → BN → ReLU; three stages of (depth − 2)/9 bottlenecks with output widths base·w, 2·base·w,
 * 4·base·w and strides 1, 2, 2; global average pool; linear. A bottleneck is Conv 1×1 to
 * D = cardinality·out/w → BN → ReLU → grouped Conv 3×3 (cardinality groups, the stride) → BN → ReLU →
 * Conv 1×1 to out → BN, plus the shortcut (Conv 1×1 + BN where the widths differ), then ReLU.
 * Convolutions have no bias, use He-normal fan-out init; the classifier He-normal fan-in, zero bias.
 *
 * <p>DL4J M2.1 has no grouped convolution: {@link GroupedConvolution} adds the suite's own layer (or,
 * with {@code -Dsuite.groupedConv=slices}, per-group slices, convolutions and a concatenation), the
 * same function as a dense convolution with a block-diagonal weight (GroupedConvolutionTest).
 *
 * @param cardinality  groups of the 3×3 convolution
 * @param depth        network depth, ≥ 11; (depth − 2)/9 bottlenecks per stage (integer division)
 * @param widenFactor  w
 * @param baseWidth    stem width (64 in the paper; smaller for quick tests)
 */
public record ResNeXt(int cardinality, int depth, int widenFactor, int baseWidth, int channels, int height,
                      int width, int classes) implements ModelSpec {

    public ResNeXt {
        Checks.positive("resnext", "cardinality", cardinality);
        Checks.positive("resnext", "widen_factor", widenFactor);
        Checks.positive("resnext", "base_width", baseWidth);
        if (depth < 11) {
            throw new InvalidModelException("depth", "resnext: depth = " + depth + " must be >= 11: each stage has "
                    + "(depth - 2) / 9 bottlenecks (integer division, so the authors' 18 gives 1)");
        }
        Checks.input("resnext", channels, height, width, classes);
    }

    @Override
    public String name() {
        return "resnext_c" + cardinality + "_d" + depth + "_w" + widenFactor + (baseWidth != 64 ? "_b" + baseWidth : "");
    }

    /**
     * Convolutions He-normal with PyTorch's fan-out k·k·out (out counts all groups of a grouped
     * convolution), the classifier He-normal fan-in, biases 0.
     */
    @Override
    public void initialise(ComputationGraph graph, long seed) {
        Init.normalWeights(graph, seed, (layer, w) -> layer.equals("out")
                ? Math.sqrt(2.0 / w.size(0))                                   // DL4J dense W is [nIn, nOut]
                : Blocks.heFanOut((int) w.size(2), (int) (w.size(0) * (isGroupSlice(layer) ? cardinality : 1))));
    }

    /**
     * Whether {@code layer} is one group's convolution of the slice form of a grouped convolution
     * ({@code …_groupK}), whose weight holds only out/cardinality of the outputs. The one-layer form
     * ({@code …_group}) has all of them in its weight's first dimension.
     */
    private static boolean isGroupSlice(String layer) {
        return layer.matches(".*_group\\d+");
    }

    @Override
    public ComputationGraphConfiguration configuration(long seed) {
        IActivation relu = Activation.RELU.getActivationFunction();
        IActivation identity = Activation.IDENTITY.getActivationFunction();
        ComputationGraphConfiguration.GraphBuilder g = Blocks.graph(this, seed);
        g.addLayer("stem", Blocks.conv(channels, baseWidth, 3, 1, 1, false, Blocks.normal(Blocks.heFanOut(3, baseWidth)),
                identity), "in");
        g.addLayer("stem_bn", Blocks.batchNorm(baseWidth, relu), "stem");
        String x = "stem_bn";
        int in = baseWidth;
        int blocksPerStage = (depth - 2) / 9;
        int[] outs = {baseWidth * widenFactor, 2 * baseWidth * widenFactor, 4 * baseWidth * widenFactor};
        int[] strides = {1, 2, 2};
        for (int s = 0; s < 3; s++) {
            for (int b = 0; b < blocksPerStage; b++) {
                x = bottleneck(g, "s" + (s + 1) + "b" + b + "_", x, in, outs[s], b == 0 ? strides[s] : 1);
                in = outs[s];
            }
        }
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer("out", Blocks.classifier(in, classes, Blocks.normal(Math.sqrt(2.0 / in))), "gap");
        return g.setOutputs("out").build();
    }

    private String bottleneck(ComputationGraphConfiguration.GraphBuilder g, String p, String x, int in, int out, int stride) {
        IActivation relu = Activation.RELU.getActivationFunction();
        IActivation identity = Activation.IDENTITY.getActivationFunction();
        int d = cardinality * out / widenFactor;    // = cardinality · stage · base: divisible by cardinality
        g.addLayer(p + "reduce", Blocks.conv(in, d, 1, 1, 0, false, Blocks.normal(Blocks.heFanOut(1, d)), identity), x);
        g.addLayer(p + "reduce_bn", Blocks.batchNorm(d, relu), p + "reduce");
        // PyTorch's fan-out for the grouped conv's init counts all d outputs: std √(2/(9·d)).
        String grouped = GroupedConvolution.add(g, p + "group", p + "reduce_bn", d, cardinality, 3, stride,
                Blocks.normal(Blocks.heFanOut(3, d)));
        g.addLayer(p + "group_bn", Blocks.batchNorm(d, relu), grouped);
        g.addLayer(p + "expand", Blocks.conv(d, out, 1, 1, 0, false, Blocks.normal(Blocks.heFanOut(1, out)), identity),
                p + "group_bn");
        g.addLayer(p + "expand_bn", Blocks.batchNorm(out), p + "expand");
        String shortcut = x;
        if (in != out) {
            g.addLayer(p + "shortcut", Blocks.conv(in, out, 1, stride, 0, false, Blocks.normal(Blocks.heFanOut(1, out)),
                    identity), x);
            g.addLayer(p + "shortcut_bn", Blocks.batchNorm(out), p + "shortcut");
            shortcut = p + "shortcut_bn";
        }
        g.addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "expand_bn", shortcut);
        g.addLayer(p + "relu", new ActivationLayer.Builder().activation(relu).build(), p + "add");
        return p + "relu";
    }
}
