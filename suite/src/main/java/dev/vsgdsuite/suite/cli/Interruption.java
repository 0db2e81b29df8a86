package dev.vsgdsuite.suite.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;

import dev.vsgdsuite.suite.train.RunDirectory;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM: say which run folder was training, where its last checkpoint is and how to
 * continue it, then exit with {@link ExitCode#INTERRUPTED}. Checkpoints are written to a temporary
 * file and renamed, so stopping at any moment leaves the previous one whole.
 */
final class Interruption {

    /** The run folder training now, once it exists; null before (nothing to resume then). */
    private static final AtomicReference<Path> CURRENT = new AtomicReference<>();
    /** The learning-rate search running now (its trial folders and its command), or null. */
    private static final AtomicReference<Search> SEARCH = new AtomicReference<>();

    /** A search of {@code tune}: where its trials train, and the command that starts it again. */
    record Search(Path trials, String command) {}

    private Interruption() {}

    /** Installs the handlers (the command line's {@code main} only: tests run in-process). */
    static void install(PrintStream err) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    err.println();
                    Search search = SEARCH.get();
                    err.println("vsgd-suite: interrupted (SIG" + signal.getName() + "). "
                            + (search != null ? searchAdvice(search) : advice(CURRENT.get())));
                    err.flush();
                    System.exit(ExitCode.INTERRUPTED.code());
                });
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal: the JVM's default handling stays
            }
        }
    }

    /** The run folder now training (for the message on interruption). */
    static void training(Path runDir) {
        CURRENT.set(runDir);
    }

    /** The learning-rate search now running (for the message on interruption). */
    static void searching(Path trials, String command) {
        SEARCH.set(new Search(trials, command));
    }

    /**
     * For an interrupted search: its trial folders are kept but a search does not continue from them
     * (each trial's result feeds the ranking only when the search finishes), so it must be run again.
     */
    static String searchAdvice(Search search) {
        boolean trialsMade;
        try (var s = Files.list(search.trials())) {
            trialsMade = s.findAny().isPresent();
        } catch (IOException e) {
            trialsMade = false;
        }
        return "The learning-rate search stopped before it chose a rate; nothing was written to the overlay. "
                + (trialsMade ? "Its trial folders under " + search.trials() + " are kept but a search does not resume: "
                        : "No trial folder was made yet. ")
                + "run it again with: " + search.command();
    }

    /** What was kept and how to continue, for the run folder {@code runDir} (null: none made yet). */
    static String advice(Path runDir) {
        if (runDir == null) {
            return "No run folder was made yet; nothing to resume.";
        }
        Path checkpoint = runDir.resolve(RunDirectory.CHECKPOINT);
        String resume = "./vsgd-suite run resume=" + runDir;
        if (!Files.isRegularFile(checkpoint)) {
            return "Run folder " + runDir + " has no checkpoint yet (train.save_freq); " + resume
                    + " restarts it from iteration 0.";
        }
        String when;
        try {
            when = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault())
                    .format(Files.getLastModifiedTime(checkpoint).toInstant());
        } catch (IOException e) {
            when = "?";
        }
        return "Last checkpoint: " + checkpoint + " (written at " + when + "); continue with: " + resume;
    }
}
