package dev.vsgdsuite.suite.experiment;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.train.Phases;
import dev.vsgdsuite.suite.train.Progress;

/**
 * How {@link Experiment#run} runs a config, beside the config itself: what it prints, the phases it
 * announces, data already loaded for it, and who is told the run folder once it exists.
 *
 * @param progress   the progress line (quiet in tests and tuning trials)
 * @param phases     the phases announced as the run enters them ({@link Phases#NONE}: none)
 * @param data       the data to train on, already loaded for this config; null: the run loads it
 * @param folderMade told the run folder as soon as it exists (the CLI's interrupt handler names it)
 */
public record RunOptions(Progress progress, Phases phases, DataModule data, Consumer<Path> folderMade) {

    public RunOptions {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(phases, "phases");
        Objects.requireNonNull(folderMade, "folderMade");
    }

    /** Printing {@code progress}, announcing no phase, loading the data, telling no one the folder. */
    public static RunOptions of(Progress progress) {
        return new RunOptions(progress, Phases.NONE, null, folder -> {});
    }

    /** Printing nothing: tests and tuning trials. */
    public static RunOptions quiet() {
        return of(Progress.quiet());
    }

    /** The same, announcing {@code newPhases}. */
    public RunOptions phases(Phases newPhases) {
        return new RunOptions(progress, newPhases, data, folderMade);
    }

    /** The same, on data already loaded ({@link Experiment#load}) for the config. */
    public RunOptions data(DataModule loaded) {
        return new RunOptions(progress, phases, loaded, folderMade);
    }

    /** The same, telling {@code listener} the run folder once it exists. */
    public RunOptions folderMade(Consumer<Path> listener) {
        return new RunOptions(progress, phases, data, listener);
    }
}
