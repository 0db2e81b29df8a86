package dev.vsgdsuite.suite.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.suite.optim.OptimizerType;
import dev.vsgdsuite.suite.runtime.AtomicFiles;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.StrictYaml;
import dev.vsgdsuite.vsgd.Texts;

/**
 * The learning rates {@code ./vsgd-suite tune} chose for one experiment, {@code configs/tuned/E.yaml}:
 * per optimizer its {@code lr}, and how it was chosen (grid, budget, seeds, split, commit, date), so a
 * committed overlay explains itself. {@code lr=tuned} on a run reads it.
 *
 * @param optimizers the chosen learning rate per optimizer name
 * @param provenance how each was chosen, per optimizer name
 */
public record TunedOverlay(Map<String, Rate> optimizers, Map<String, Provenance> provenance) {

    /** The folder under {@code configs/} that holds the overlays. */
    public static final String FOLDER = "tuned";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    public TunedOverlay {
        optimizers = optimizers == null ? Map.of() : new TreeMap<>(optimizers);
        provenance = provenance == null ? Map.of() : new TreeMap<>(provenance);
    }

    /** One optimizer's chosen learning rate. */
    public record Rate(double lr) {}

    /**
     * How a learning rate was chosen.
     *
     * @param dataset            the dataset whose training images were split
     * @param grid               every learning rate tried, ascending (after any extension)
     * @param extended           how many steps the grid grew past the configured end the winner sat at
     * @param budgetIterations   iterations per trial (the same for every optimizer of the experiment)
     * @param seeds              the seeds each learning rate ran with
     * @param split              validation images held out of the training set
     * @param metric             what ranked the learning rates
     * @param validationAccuracy the winner's mean validation accuracy at the end of the budget
     * @param commit             the suite's commit when tuned
     * @param date               the day it was tuned (UTC)
     * @param command            the command that tuned it
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"dataset", "grid", "extended", "budget_iterations", "seeds", "split", "metric",
            "validation_accuracy", "commit", "date", "command"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provenance(String dataset, List<Double> grid, int extended, long budgetIterations, List<Long> seeds,
                             int split, String metric, double validationAccuracy, String commit, String date,
                             String command) {}

    /** Where the overlay of {@code experiment} lives under {@code configs}. */
    public static Path file(Path configs, String experiment) {
        return configs.resolve(FOLDER).resolve(experiment + ".yaml");
    }

    /**
     * The overlay in {@code file}, or null when there is none.
     *
     * @throws ConfigException for an empty, cut or corrupt file, or an entry for an optimizer the suite
     *                         does not have (the nearest is named), with the fix
     */
    public static TunedOverlay readIfPresent(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        String fix = "run ./vsgd-suite tune again to write it, or delete it and run with lr=config";
        TunedOverlay overlay = StrictYaml.read(file, TunedOverlay.class, "tuned overlay", fix);
        if (overlay == null) {
            throw new ConfigException(file + " is empty, not a tuned overlay as tune writes it; " + fix);
        }
        List<String> known = OptimizerConfig.types().stream().map(OptimizerType::name).toList();
        for (String section : List.of("optimizers", "provenance")) {
            for (String name : (section.equals("optimizers") ? overlay.optimizers() : overlay.provenance()).keySet()) {
                if (!known.contains(name)) {
                    throw new ConfigException(file + ": " + section + "." + ConfigException.clip(name)
                            + " is not an optimizer of the suite" + Texts.nearest(name, known).map(n -> " (did you mean "
                            + n + "?)").orElse("") + "; valid: " + known);
                }
            }
        }
        return overlay;
    }

    /**
     * The tuned learning rate of {@code optimizer} for {@code experiment}.
     *
     * @throws ConfigException naming the overlay and the {@code tune} command that writes it, when it
     *                         or its entry is missing
     */
    public static double lr(Path configs, String experiment, String optimizer) {
        Path file = file(configs, experiment);
        TunedOverlay overlay = readIfPresent(file);
        String tune = "./vsgd-suite tune experiment=" + experiment + " optimizer=" + optimizer;
        if (overlay == null) {
            throw new ConfigException("lr=tuned: experiment " + experiment + " has no tuned learning rates (no " + file
                    + "); run `" + tune + "` and commit the file, or pass lr=config to use the configs' values");
        }
        Rate rate = overlay.optimizers().get(optimizer);
        if (rate == null) {
            throw new ConfigException("lr=tuned: " + file + " has no learning rate for " + optimizer + " (it has "
                    + overlay.optimizers().keySet() + "); run `" + tune + "`, or pass lr=config");
        }
        if (!(rate.lr() > 0) || !Double.isFinite(rate.lr())) {
            throw new ConfigException(file + ": optimizers." + optimizer + ".lr = " + rate.lr()
                    + " is invalid: it must be a finite number > 0; run `" + tune + "` again");
        }
        return rate.lr();
    }

    /** This overlay with {@code optimizer}'s entry set, the others kept. */
    public TunedOverlay with(String optimizer, double lr, Provenance how) {
        Map<String, Rate> rates = new TreeMap<>(optimizers);
        Map<String, Provenance> hows = new TreeMap<>(provenance);
        rates.put(optimizer, new Rate(lr));
        hows.put(optimizer, how);
        return new TunedOverlay(rates, hows);
    }

    /** Writes the overlay to {@code file} whole or not at all (a temporary file of its own, then a rename). */
    public void write(Path file, String experiment) {
        String text;
        try {
            text = "# Learning rates for " + experiment + " chosen by ./vsgd-suite tune on a validation split of the\n"
                    + "# training images (never the test set); `lr=tuned` runs use them. Commit this file.\n"
                    + YAML.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, text);
    }

    /**
     * Sets {@code optimizer}'s learning rate in the overlay of {@code file}, keeping the other
     * optimizers' entries: the read, the change and the write hold the overlay's lock, so two
     * {@code tune} processes finishing at once both keep their winner.
     */
    public static TunedOverlay record(Path file, String experiment, String optimizer, double lr, Provenance how) {
        return AtomicFiles.locked(file, () -> {
            TunedOverlay existing = readIfPresent(file);
            TunedOverlay updated = (existing == null ? new TunedOverlay(null, null) : existing).with(optimizer, lr, how);
            updated.write(file, experiment);
            return updated;
        });
    }
}
