package dev.vsgdsuite.suite.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vsgdsuite.suite.config.TunedOverlay;
import dev.vsgdsuite.suite.runtime.AtomicFiles;
import dev.vsgdsuite.suite.schema.ConfigException;

/**
 * What a learning-rate search found, as {@code reports/tuning/<experiment>-<optimizer>.json}: every
 * learning rate's validation curve and final value, the winner, and how it was chosen.
 *
 * @param experiment the experiment tuned
 * @param optimizer  the optimizer tuned
 * @param lr         the winning learning rate
 * @param how        grid, budget, seeds, split and metric (as the overlay records them)
 * @param trainImages training images the trials trained on (the training set less the split)
 * @param trials     one entry per learning rate, ascending
 * @param note       what the reader should know (the grid grew, or stopped growing at its cap), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TuningResult(String experiment, String optimizer, double lr, TunedOverlay.Provenance how,
                           int trainImages, List<Trial> trials, String note) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One learning rate of the grid.
     *
     * @param lr                 the learning rate
     * @param validationAccuracy mean over seeds of the final validation accuracy (a diverged seed counts 0)
     * @param diverged           whether any seed diverged
     * @param seeds              each seed's run
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Trial(double lr, double validationAccuracy, boolean diverged, List<SeedRun> seeds) {}

    /**
     * One seed's run of a learning rate.
     *
     * @param seed     the seed
     * @param accuracy final validation accuracy (0 when diverged)
     * @param diverged whether the run diverged
     * @param curve    validation accuracy against iteration: [[iteration, accuracy], …]
     * @param runDir   the run's folder
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SeedRun(long seed, double accuracy, boolean diverged, List<double[]> curve, String runDir) {}

    /** The file of {@code experiment} × {@code optimizer} under {@code folder}. */
    public static Path file(Path folder, String experiment, String optimizer) {
        return folder.resolve(experiment + "-" + optimizer + ".json");
    }

    /** Writes this result (whole or not at all). */
    public Path write(Path folder) {
        Path file = file(folder, experiment, optimizer);
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(this));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A result written by {@link #write}. */
    public static TuningResult read(Path file) {
        try {
            return JSON.readValue(file.toFile(), TuningResult.class);
        } catch (IOException e) {
            throw new ConfigException(file + " is not a tuning result written by ./vsgd-suite tune: "
                    + e.getMessage().lines().findFirst().orElse("") + "; run the search again", e);
        }
    }
}
