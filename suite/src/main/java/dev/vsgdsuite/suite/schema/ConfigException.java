package dev.vsgdsuite.suite.schema;

/** A config file or override that cannot be used; the message names the key or file and the fix. */
public class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code value} as a message shows it: cut short, its length named, so a message stays one line. */
    public static String clip(Object value) {
        return dev.vsgdsuite.vsgd.Texts.clip(String.valueOf(value));
    }
}
