package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.suite.runtime.SuiteSwitches;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A grouped convolution (PyTorch {@code groups=G}), which DL4J 1.0.0-M2.1 lacks, in one of two forms
 * that compute the same function (GroupedConvolutionTest):
 *
 * <ul>
 *   <li>{@code layer} (default): one {@link GroupedConvolutionLayer}, named as the call says, weight
 *       {@code [channels, channels/G, k, k]} as in PyTorch; it runs one nd4j convolution per group
 *       on views of one input and one output array.</li>
 *   <li>{@code slices}: DL4J parts. The input channels are sliced into G contiguous groups
 *       ({@link ChannelSubsetVertex} {@code NAMEk_in}), each group gets its own convolution
 *       ({@code NAMEk}, weight {@code [channels/G, channels/G, k, k]}), and the outputs are
 *       concatenated in group order ({@link MergeVertex} {@code NAME}). Slower in training: each
 *       slice's backprop fills a zero array of the whole input, and the graph sums G of them.</li>
 * </ul>
 *
 * <p>The system property {@code suite.groupedConv} picks the form ({@code layer} or {@code slices};
 * unset means {@code layer}): the slices stay as a cross-check of the layer.
 */
public final class GroupedConvolution {

    /** System property choosing the form: {@code layer} (default) or {@code slices}. */
    public static final String PROPERTY = SuiteSwitches.GROUPED_CONV.name();

    private GroupedConvolution() {}

    /**
     * Adds a k×k convolution, {@code channels → channels}, padding (k−1)/2, no bias, weights from
     * {@code init}, over {@code groups} groups; returns the name of the vertex holding its output.
     */
    public static String add(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int channels,
                      int groups, int kernel, int stride, IWeightInit init) {
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException(name + ": " + channels + " channels do not split into " + groups + " groups");
        }
        return slices() ? addSlices(g, name, input, channels, groups, kernel, stride, init)
                : addLayer(g, name, input, channels, groups, kernel, stride, init);
    }

    /** Whether {@code suite.groupedConv} asks for the slice form. */
    static boolean slices() {
        return SuiteSwitches.GROUPED_CONV.is("slices");
    }

    private static String addLayer(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int channels,
                                   int groups, int kernel, int stride, IWeightInit init) {
        int padding = (kernel - 1) / 2;
        g.addLayer(name, new GroupedConvolutionLayer.Builder(kernel, kernel).groups(groups)
                .stride(stride, stride).padding(padding, padding).convolutionMode(ConvolutionMode.Truncate)
                .nIn(channels).nOut(channels).hasBias(false).weightInit(init)
                .activation(Activation.IDENTITY.getActivationFunction()).build(), input);
        return name;
    }

    private static String addSlices(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int channels,
                                    int groups, int kernel, int stride, IWeightInit init) {
        int perGroup = channels / groups;
        String[] outputs = new String[groups];
        for (int k = 0; k < groups; k++) {
            String slice = name + k + "_in";
            g.addVertex(slice, new ChannelSubsetVertex(k * perGroup, (k + 1) * perGroup - 1), input);
            outputs[k] = name + k;
            int padding = (kernel - 1) / 2;
            g.addLayer(outputs[k], new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                    .padding(padding, padding).convolutionMode(ConvolutionMode.Truncate).nIn(perGroup).nOut(perGroup)
                    .hasBias(false).weightInit(init).activation(Activation.IDENTITY.getActivationFunction()).build(),
                    slice);
        }
        g.addVertex(name, new MergeVertex(), outputs);
        return name;
    }
}
