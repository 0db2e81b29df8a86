package dev.vsgdsuite.suite.model;

/**
 * A network that cannot be built as described: the message names the architecture and the value;
 * {@link #key()} is the model-config key at fault, or null when it is the input that does not fit.
 */
public final class InvalidModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    InvalidModelException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The YAML key of the model section at fault ({@code patch}, {@code config}, …), or null for the input. */
    public String key() {
        return key;
    }
}
