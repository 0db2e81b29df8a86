package dev.vsgdsuite.suite.layers;

import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Channels {@code from..to} (inclusive) of a CNN activation: {@link SubsetVertex} with the output type
 * fixed. DL4J 1.0.0-M2.1's SubsetVertex reports {@code from − to + 1} channels for convolutional
 * input (negative), so a layer after it fails to initialise ("had parameters &lt; 0"); the slicing
 * itself is right. Used to build grouped convolutions, which M2.1 lacks.
 */
public class ChannelSubsetVertex extends SubsetVertex {

    private static final long serialVersionUID = 1L;

    public ChannelSubsetVertex(@JsonProperty("from") int from, @JsonProperty("to") int to) {
        super(from, to);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("channel subset needs 0 <= from <= to, got " + from + ".." + to);
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length == 1 && inputs[0] instanceof InputType.InputTypeConvolutional) {
            InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) inputs[0];
            if (getTo() >= in.getChannels()) {
                throw new InvalidInputTypeException("channel subset " + getFrom() + ".." + getTo()
                        + " exceeds the " + in.getChannels() + " input channels");
            }
            return InputType.convolutional(in.getHeight(), in.getWidth(), getTo() - getFrom() + 1, in.getFormat());
        }
        return super.getOutputType(layerIndex, inputs);
    }

    @Override
    public ChannelSubsetVertex clone() {
        return new ChannelSubsetVertex(getFrom(), getTo());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelSubsetVertex && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 7;
    }
}
