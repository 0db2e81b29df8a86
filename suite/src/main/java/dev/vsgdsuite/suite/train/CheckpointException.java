package dev.vsgdsuite.suite.train;

import java.nio.file.Path;

/**
 * A run folder's {@code checkpoint.zip} cannot continue the run: it is corrupt, lacks a part a
 * bit-exact resume needs, or belongs to another run. Bad input: the message names the file, what is
 * wrong and the fix; nothing in the run folder has been changed when it is thrown.
 */
public final class CheckpointException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What to do about any unusable checkpoint. */
    static final String FIX = "delete it to restart the run from iteration 0, or point resume= at another run folder";

    CheckpointException(Path file, String problem) {
        this(file, problem, null);
    }

    CheckpointException(Path file, String problem, Throwable cause) {
        this(file, problem, FIX, cause);
    }

    CheckpointException(Path file, String problem, String fix, Throwable cause) {
        super(file + ": " + problem + ". Fix: " + fix, cause);
    }
}
