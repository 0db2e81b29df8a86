package dev.vsgdsuite.suite.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.suite.optim.SchedulerConfig;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Section;

/**
 * A fully resolved, validated run configuration: the experiment name and one typed record per section.
 * {@link #toYaml()} is the file written into the run folder; {@code config=} reads it back.
 */
public record RunConfig(String experiment, DatasetConfig dataset, ModelConfig model, OptimizerConfig optimizer,
                        SchedulerConfig scheduler, TrainConfig train, ObjectNode tree) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    static RunConfig of(ObjectNode tree) {
        for (String section : new String[] {"dataset", "model", "optimizer", "scheduler", "train"}) {
            if (!(tree.get(section) instanceof ObjectNode)) {
                throw new ConfigException("Resolved config lacks the '" + section + "' section");
            }
        }
        TrainConfig train = TrainConfig.from(section(tree, "train"));
        return new RunConfig(tree.path("experiment").asText(),
                DatasetConfig.from(section(tree, "dataset")),
                ModelConfig.from(section(tree, "model")),
                OptimizerConfig.from(section(tree, "optimizer")),
                SchedulerConfig.from(section(tree, "scheduler"), train.maxIter()),
                train,
                tree.deepCopy());
    }

    private static Section section(ObjectNode tree, String name) {
        return new Section(name, (ObjectNode) tree.get(name));
    }

    public String toYaml() {
        try {
            return YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a resolved config written by {@link #toYaml()}. */
    public static RunConfig read(Path file) {
        try {
            return of((ObjectNode) YAML.readTree(file.toFile()));
        } catch (IOException | ClassCastException e) {
            throw new ConfigException("Cannot read resolved config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Short run id: experiment, optimizer, seed. */
    public String runName() {
        return experiment + "-" + optimizer.name() + "-seed" + train.seed();
    }
}
