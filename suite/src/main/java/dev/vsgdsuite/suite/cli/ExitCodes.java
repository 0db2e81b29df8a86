package dev.vsgdsuite.suite.cli;

/** The exit codes of the command line; {@code --help} lists them in its footer ({@link Main}). */
final class ExitCodes {

    /** The command did what it was asked. */
    static final int DONE = 0;
    /** Bad input or data: a config, an override, a file or a dataset that cannot be used. */
    static final int BAD_INPUT = 1;
    /** Bad usage: an unknown option or subcommand, a missing or malformed argument. */
    static final int USAGE = 2;
    /** A training run diverged (a non-finite loss or gradient); its result.json says where. */
    static final int DIVERGED = 3;
    /** Interrupted (SIGINT, SIGTERM); a run continues from its last checkpoint with {@code run resume=RUN_DIR}. */
    static final int INTERRUPTED = 4;
    /** An internal error: a bug of the suite or a library; {@code --verbose} prints the stack trace to report. */
    static final int INTERNAL = 5;
    /** A check failed: gpu-check found no GPU where one was required, a golden replay off, or a model not training. */
    static final int CHECK_FAILED = 6;

    private ExitCodes() {}
}
