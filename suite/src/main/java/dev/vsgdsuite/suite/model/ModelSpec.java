package dev.vsgdsuite.suite.model;

import dev.vsgdsuite.suite.layers.FastLayers;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A network of the paper, fully described by its record fields (the YAML keys of its model config),
 * built as a DL4J {@link ComputationGraph} with input "in" and output "out" (softmax, mean
 * cross-entropy).
 */
public sealed interface ModelSpec permits Vgg, ConvMixer, ResNeXt {

    /** Short name of the architecture and its size, e.g. {@code vgg16_bn} or {@code convmixer_256_8}. */
    String name();

    int channels();

    int height();

    int width();

    int classes();

    /** The configuration; {@code seed} fixes the weight initialisation. */
    ComputationGraphConfiguration configuration(long seed);

    /** Initialises the weights as the authors do; the default is DL4J's initialisation of the configuration. */
    default void initialise(ComputationGraph graph, long seed) {}

    default InputType inputType() {
        return InputType.convolutional(height(), width(), channels());
    }

    /** A ready network without a training set-up ({@link Networks#build(ModelSpec, long)}). */
    default ComputationGraph build(long seed) {
        return Networks.build(this, seed);
    }
}
