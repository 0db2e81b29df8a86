package dev.vsgdsuite.suite.data;

import java.nio.file.Path;

/**
 * A dataset file exists but does not hold what its format promises (wrong magic number, truncated,
 * a label outside the class range, an undecodable image). The message names the file, says what is
 * wrong and how to fix it, so a user never has to read a stack trace from inside a reader.
 */
public class DatasetFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Path file;

    public DatasetFormatException(Path file, String problem, String fix) {
        this(file, problem, fix, null);
    }

    public DatasetFormatException(Path file, String problem, String fix, Throwable cause) {
        super(file + ": " + problem + (fix == null || fix.isEmpty() ? "" : ". Fix: " + fix), cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
