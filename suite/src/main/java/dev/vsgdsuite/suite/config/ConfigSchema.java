package dev.vsgdsuite.suite.config;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.suite.optim.SchedulerConfig;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Schema;
import dev.vsgdsuite.suite.schema.Section;

/**
 * The declared shape of a resolved config: its top-level keys and, per section, the keys of the
 * section's kind (the optimizer's {@code name}, the model's {@code arch}, the scheduler's {@code name}
 * pick which). A file holding anything else is rejected by name before it is used.
 */
final class ConfigSchema {

    static final List<String> SECTIONS = List.of("dataset", "model", "optimizer", "scheduler", "train");

    private ConfigSchema() {}

    /** The keys a resolved config (a run's config.yaml) may hold at the top level. */
    static List<String> topLevel() {
        List<String> keys = new ArrayList<>(List.of("experiment", ConfigLoader.LR_SOURCE));
        keys.addAll(SECTIONS);
        ConfigLoader.GROUPS.forEach(g -> keys.add(g + "_file"));
        return keys;
    }

    /** The keys {@code node}, a section called {@code section}, may hold. */
    static Schema of(String section, ObjectNode node) {
        Section s = new Section(section, node);
        return switch (section) {
            case "dataset" -> DatasetConfig.SCHEMA;
            case "train" -> TrainConfig.SCHEMA;
            case "model" -> ModelConfig.schema(s.string("arch"));
            case "scheduler" -> SchedulerConfig.type(s.string("name")).schema();
            case "optimizer" -> OptimizerConfig.type(s.string("name")).schema();
            default -> throw new IllegalArgumentException("no section " + section);
        };
    }

    /** Rejects a key of the section {@code node} that its kind does not declare, naming {@code origin}. */
    static void checkSection(String section, ObjectNode node, Object origin) {
        of(section, node).rejectUnknown(new Section(section, node).keys(), origin);
    }

    /** Rejects an unknown top-level key, a section that is not a mapping, or an unknown key of a section. */
    static void check(ObjectNode tree, Object origin) {
        List<String> valid = topLevel();
        for (String key : new Section("config", tree).keys()) {
            if (!valid.contains(key)) {
                throw new ConfigException(origin + ": unknown top-level key '" + key + "'; valid: " + valid);
            }
        }
        for (String section : SECTIONS) {
            JsonNode node = tree.get(section);
            if (node == null) {
                throw new ConfigException(origin + ": the '" + section + "' section is missing; a resolved config "
                        + "holds " + SECTIONS);
            }
            if (!(node instanceof ObjectNode object)) {
                throw new ConfigException(origin + ": '" + section + "' must be a mapping of keys to values");
            }
            checkSection(section, object, origin);
        }
    }
}
