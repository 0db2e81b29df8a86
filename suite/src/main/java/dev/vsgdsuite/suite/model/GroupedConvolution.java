package dev.vsgdsuite.suite.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.nd4j.linalg.activations.Activation;

/**
 * A grouped convolution (PyTorch {@code groups=G}) from parts DL4J 1.0.0-M2.1 supports: the input
 * channels are sliced into G contiguous groups ({@link ChannelSubsetVertex}), each group gets its own
 * convolution, and the outputs are concatenated in group order ({@link MergeVertex}). That is the
 * function of one dense convolution whose weight is block-diagonal over the groups. On CPU with oneDNN
 * the G small convolutions also run faster than one dense convolution of the same width.
 */
final class GroupedConvolution {

    private GroupedConvolution() {}

    /**
     * Adds a k×k convolution, {@code channels → channels}, padding (k−1)/2, no bias, weights
     * N(0, std), over {@code groups} groups; returns the name of the vertex holding its output.
     */
    static String add(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int channels,
                      int groups, int kernel, int stride, double std) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(name + ": " + channels + " channels do not split into " + groups + " groups");
        }
        int perGroup = channels / groups;
        String[] outputs = new String[groups];
        for (int k = 0; k < groups; k++) {
            String slice = name + k + "_in";
            g.addVertex(slice, new ChannelSubsetVertex(k * perGroup, (k + 1) * perGroup - 1), input);
            outputs[k] = name + k;
            g.addLayer(outputs[k], Blocks.conv(perGroup, perGroup, kernel, stride, (kernel - 1) / 2, false,
                    Blocks.normal(std), Activation.IDENTITY.getActivationFunction()), slice);
        }
        g.addVertex(name, new MergeVertex(), outputs);
        return name;
    }
}
