package dev.vsgdsuite.suite.model;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * VGG with batch norm (Simonyan &amp; Zisserman, configs A, B, D, E) as the authors use it on small
 * images: Conv 3×3 pad 1 → BN → ReLU per entry, max-pool 2×2 after each stage, global average pool,
 * one linear layer to the classes. Initialisation: conv weights N(0, √(2/(k·k·out))), linear
 * N(0, 0.01), zero biases.
 *
 * @param config       VGG configuration: A (11 layers), B (13), D (16), E (19)
 * @param widthDivisor divides every channel count (1 = the paper; larger for quick tests)
 */
public record Vgg(String config, int widthDivisor, int channels, int height, int width, int classes)
        implements ModelSpec {

    /** Channel counts per configuration; 0 marks a max-pool. */
    static final Map<String, List<Integer>> CONFIGS = Map.of(
            "A", List.of(64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0),
            "B", List.of(64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0),
            "D", List.of(64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0),
            "E", List.of(64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0));

    private static final Map<String, Integer> DEPTH = Map.of("A", 11, "B", 13, "D", 16, "E", 19);

    public Vgg {
        if (config == null || !CONFIGS.containsKey(config)) {
            throw new InvalidModelException("config", "vgg: config = " + config + " is not one of " + CONFIGS.keySet().stream().sorted().toList()
                    + " (A = VGG11, B = VGG13, D = VGG16, E = VGG19)");
        }
        Checks.positive("vgg", "width_divisor", widthDivisor);
        Checks.input("vgg", channels, height, width, classes);
        if (height < 32 || width < 32) {
            throw new InvalidModelException(null, "vgg: input " + height + "x" + width + " is below 32x32 (five 2x2 pools)");
        }
    }

    @Override
    public String name() {
        return "vgg" + DEPTH.get(config) + "_bn" + (widthDivisor > 1 ? "_w1/" + widthDivisor : "");
    }

    /** Conv weights N(0, √(2/(9·out))), linear N(0, 0.01), biases 0 (DL4J's zero bias init). */
    @Override
    public void initialise(ComputationGraph graph, long seed) {
        Init.normalWeights(graph, seed, (layer, w) -> layer.equals("out") ? 0.01 : Blocks.heFanOut(3, (int) w.size(0)));
    }

    @Override
    public ComputationGraphConfiguration configuration(long seed) {
        ComputationGraphConfiguration.GraphBuilder g = Blocks.graph(this, seed);
        String x = "in";
        int in = channels;
        int conv = 0;
        int pool = 0;
        for (int entry : CONFIGS.get(config)) {
            if (entry == 0) {
                String name = "pool" + pool++;
                g.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), x);
                x = name;
                continue;
            }
            int out = Math.max(1, entry / widthDivisor);
            String name = "conv" + conv++;
            g.addLayer(name, Blocks.conv(in, out, 3, 1, 1, true, Blocks.normal(Blocks.heFanOut(3, out)),
                    Activation.IDENTITY.getActivationFunction()), x);
            g.addLayer(name + "_bn", Blocks.batchNorm(out, Activation.RELU.getActivationFunction()), name);
            x = name + "_bn";
            in = out;
        }
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer("out", Blocks.classifier(in, classes, Blocks.normal(0.01)), "gap");
        return g.setOutputs("out").build();
    }
}
