package dev.vsgdsuite.suite.cli;

/**
 * The exit codes of the command line, declared once: {@code --help}'s footer and the table in
 * {@code docs/CLI.md} are rendered from these.
 */
public enum ExitCode {
    DONE(0, "done", "The command did what it was asked."),
    BAD_INPUT(1, "bad input or data (config, override, switch, file, dataset): the line names it",
            "A config, an override, a switch, a file or a dataset that cannot be used; the line names it and the fix."),
    USAGE(2, "bad usage (unknown option or command, missing or repeated argument)",
            "An unknown option or subcommand, a missing, repeated or malformed argument."),
    DIVERGED(3, "a run diverged (non-finite loss or gradient; see its result.json)",
            "A training run diverged (a non-finite loss or gradient); its result.json says where."),
    INTERRUPTED(4, "interrupted (SIGINT/SIGTERM): continue with  run resume=RUN_DIR",
            "Interrupted (SIGINT, SIGTERM); a run continues from its last checkpoint with `run resume=RUN_DIR`."),
    INTERNAL(5, "internal error (a bug): rerun with --verbose and report the stack trace",
            "An internal error: a bug of the suite or a library; `--verbose` prints the stack trace to report."),
    CHECK_FAILED(6, "gpu-check failed: no GPU where --require-gpu, a golden replay off, a model not training",
            "A check failed: gpu-check found no GPU where one was required, a golden replay off, or a model not training.");

    private final int code;
    private final String brief;
    private final String meaning;

    ExitCode(int code, String brief, String meaning) {
        this.code = code;
        this.brief = brief;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** What the code means, in a sentence (the docs). */
    public String meaning() {
        return meaning;
    }

    /** The footer of {@code --help}. */
    static String[] helpFooter() {
        String[] lines = new String[values().length + 3];
        lines[0] = "";
        lines[1] = "Exit codes:";
        for (ExitCode c : values()) {
            lines[2 + c.ordinal()] = "  " + c.code + "  " + c.brief;
        }
        lines[lines.length - 1] = "Errors print one line; --verbose adds the stack trace.";
        return lines;
    }

    /** The exit-code table of docs/CLI.md. */
    public static String markdown() {
        StringBuilder md = new StringBuilder("| exit code | meaning |\n|---|---|\n");
        for (ExitCode c : values()) {
            md.append("| ").append(c.code).append(" | ").append(c.meaning).append(" |\n");
        }
        return md.toString();
    }
}
