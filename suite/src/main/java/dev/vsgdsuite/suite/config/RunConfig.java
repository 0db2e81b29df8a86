package dev.vsgdsuite.suite.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
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
        for (String section : ConfigSchema.SECTIONS) {
            if (!(tree.get(section) instanceof ObjectNode)) {
                throw new ConfigException("Resolved config lacks the '" + section + "' section");
            }
        }
        TrainConfig train = TrainConfig.from(section(tree, "train"));
        Section scheduler = section(tree, "scheduler");
        return new RunConfig(tree.path("experiment").asText(),
                DatasetConfig.from(section(tree, "dataset")),
                ModelConfig.from(section(tree, "model")),
                OptimizerConfig.from(section(tree, "optimizer")),
                SchedulerConfig.from(scheduler, train.maxIter()),
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
        JsonNode tree;
        try {
            tree = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("Cannot read resolved config " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new ConfigException(file + ": expected a resolved config (a mapping with the sections "
                    + ConfigSchema.SECTIONS + ")");
        }
        ConfigSchema.check(object, file);
        return of(object);
    }

    /**
     * Where the optimizer's learning rate came from: {@code config} (the configs' values), {@code tuned
     * (configs/tuned/E.yaml)} or {@code command line}; {@code config} for configs written before this
     * was recorded.
     */
    public String lrSource() {
        return tree.path(ConfigLoader.LR_SOURCE).asText(LrSource.CONFIG.yamlName());
    }

    /** Short run id: experiment, optimizer, seed. */
    public String runName() {
        return experiment + "-" + optimizer.name() + "-seed" + train.seed();
    }
}
