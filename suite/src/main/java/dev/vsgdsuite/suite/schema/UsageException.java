package dev.vsgdsuite.suite.schema;

/**
 * An argument of the command line that is not of the form a command takes: not KEY=VALUE, or a key
 * given twice. Bad usage (exit code 2), like an option picocli refuses, rather than bad input.
 */
public final class UsageException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
