package dev.vsgdsuite.suite.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Schema;
import dev.vsgdsuite.suite.schema.Section;
import dev.vsgdsuite.suite.schema.StrictYaml;
import dev.vsgdsuite.suite.schema.UsageException;

/**
 * Resolves a run's configuration the way the authors' Hydra setup does, from {@code configs/}:
 * <ol>
 *   <li>{@code experiment=NAME} reads {@code experiment/NAME.yaml}; its {@code defaults} pick one file
 *       per group ({@code dataset}, {@code model}, {@code optimizer}, {@code scheduler});
 *       {@code GROUP=FILE} on the command line picks another;</li>
 *   <li>each section starts from its group file ({@code train} from {@code train.yaml}), then takes the
 *       experiment's section values, then the experiment's {@code optimizers.<name>} values for the
 *       chosen optimizer;</li>
 *   <li>{@code section.key=value} overrides come last.</li>
 * </ol>
 * A key that the section's own file does not declare is an error listing the valid keys: nothing
 * runs on a half-understood config. {@code config=FILE} instead starts from a resolved config written
 * by an earlier run, so any run can be repeated from its folder.
 */
public final class ConfigLoader {

    public static final List<String> GROUPS = List.of("dataset", "model", "optimizer", "scheduler");
    /** The argument that picks where the learning rate comes from ({@link LrSource}). */
    public static final String LR = "lr";
    /** The resolved config's record of where its learning rate came from. */
    static final String LR_SOURCE = "lr_source";
    private static final Set<String> EXPERIMENT_KEYS =
            Set.of("defaults", "dataset", "model", "scheduler", "train", "optimizers");

    private final Path configs;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public ConfigLoader(Path configsFolder) {
        this.configs = configsFolder;
    }

    /** Resolves {@code key=value} arguments (see the class comment) to a validated run config. */
    public RunConfig resolve(List<String> arguments) {
        Map<String, String> args = parseArguments(arguments);
        String lr = args.remove(LR);
        ObjectNode resolved;
        String experiment;
        if (args.containsKey("config")) {
            if (lr != null) {
                throw new ConfigException("lr=" + lr + " cannot change a resolved config (its learning rate is fixed); "
                        + "override it with optimizer.lr=VALUE instead");
            }
            Path file = resolvedConfigFile(args.remove("config"));
            resolved = readObject(file);
            ConfigSchema.check(resolved, file);
            experiment = resolved.path("experiment").asText("custom");
            for (String group : GROUPS) {
                if (args.containsKey(group)) {
                    throw new ConfigException(group + "=" + args.get(group) + " cannot change a resolved config ("
                            + file + "); override single keys with " + group + ".KEY=VALUE instead");
                }
            }
        } else {
            experiment = args.remove("experiment");
            if (experiment == null) {
                throw new ConfigException("No experiment given: pass experiment=NAME (one of " + names("experiment")
                        + ") or config=FILE (a config.yaml from a run folder)");
            }
            resolved = compose(experiment, args);
            resolved.put(LR_SOURCE, learningRate(resolved, experiment, lr));
        }
        if (args.containsKey("optimizer.lr")) {
            resolved.put(LR_SOURCE, "command line");
        }
        for (Map.Entry<String, String> e : args.entrySet()) {
            override(resolved, e.getKey(), e.getValue());
        }
        resolved.put("experiment", experiment);
        return RunConfig.of(resolved);
    }

    /**
     * Applies {@code lr=tuned} (the experiment's tuned overlay) or {@code lr=config} (the configs' values,
     * also when absent) to the composed config, and says which it was.
     */
    private String learningRate(ObjectNode resolved, String experiment, String lr) {
        if (lr == null || lr.equals(LrSource.CONFIG.yamlName())) {
            return LrSource.CONFIG.yamlName();
        }
        if (!lr.equals(LrSource.TUNED.yamlName())) {
            throw new ConfigException("lr=" + lr + " is not a learning-rate source; use lr=tuned (the experiment's "
                    + "configs/tuned/ overlay, written by ./vsgd-suite tune) or lr=config (the configs' values); "
                    + "a value of your own is optimizer.lr=VALUE");
        }
        ObjectNode optimizer = (ObjectNode) resolved.get("optimizer");
        optimizer.put("lr", TunedOverlay.lr(configs, experiment, optimizer.path("name").asText()));
        return LrSource.TUNED.yamlName() + " (" + configs.relativize(TunedOverlay.file(configs, experiment)).toString()
                .replace('\\', '/') + ")";
    }

    private ObjectNode compose(String experiment, Map<String, String> args) {
        Path expFile = file("experiment", experiment);
        ObjectNode exp = readObject(expFile);
        for (Iterator<String> it = exp.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!EXPERIMENT_KEYS.contains(key)) {
                throw new ConfigException(expFile + ": unknown top-level key '" + key + "'; valid: "
                        + new TreeSet<>(EXPERIMENT_KEYS));
            }
        }
        ObjectNode resolved = yaml.createObjectNode();
        for (String group : GROUPS) {
            String byDefault = exp.path("defaults").path(group).asText(null);
            String choice = args.containsKey(group) ? args.remove(group) : byDefault;
            if (choice == null) {
                throw new ConfigException(expFile + ": defaults." + group + " is missing; set it or pass " + group
                        + "=NAME (one of " + names(group) + ")");
            }
            Path groupFile = file(group, choice);
            ObjectNode section = readObject(groupFile);
            if (group.equals("optimizer")) {
                declareOptimizer(section, groupFile);
            } else {
                ConfigSchema.checkSection(group, section, groupFile);
            }
            // The experiment's values for a section were written for its default file; another file
            // chosen on the command line (scheduler=cosine) starts from its own values. The
            // optimizer group is the exception: its per-optimizer values live under `optimizers`.
            if (choice.equals(byDefault) && !group.equals("optimizer")) {
                mergeInto(section, exp.get(group), group, expFile);
            }
            resolved.set(group, section);
            resolved.put(group + "_file", choice);
        }
        Path trainFile = configs.resolve("train.yaml");
        ObjectNode train = readObject(trainFile);
        ConfigSchema.checkSection("train", train, trainFile);
        mergeInto(train, exp.get("train"), "train", expFile);
        resolved.set("train", train);

        String optimizer = resolved.path("optimizer").path("name").asText();
        JsonNode perOptimizer = exp.path("optimizers").get(optimizer);
        mergeInto((ObjectNode) resolved.get("optimizer"), perOptimizer, "optimizer", expFile);
        return resolved;
    }

    /**
     * An optimizer file holds only its optimizer's declared keys; the keys it leaves out take their
     * declared defaults, so overrides reach them and the run's config.yaml shows every value.
     */
    private static void declareOptimizer(ObjectNode section, Path file) {
        Schema schema = OptimizerConfig.type(new Section("optimizer", section).string("name")).schema();
        schema.rejectUnknown(keys(section), file);
        schema.fillDefaults(section);
    }

    /** Copies {@code source}'s keys into {@code target}; each must already exist there. */
    private static void mergeInto(ObjectNode target, JsonNode source, String section, Path origin) {
        if (source == null || source.isNull()) {
            return;
        }
        if (!source.isObject()) {
            throw new ConfigException(origin + ": '" + section + "' must be a mapping of keys to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!target.has(e.getKey())) {
                throw new ConfigException(origin + ": " + section + "." + e.getKey() + " is not a key of " + section
                        + "; valid: " + keys(target));
            }
            target.set(e.getKey(), e.getValue());
        }
    }

    private void override(ObjectNode resolved, String key, String value) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            throw new ConfigException("Unknown argument '" + key + "=" + value + "'; use experiment=NAME, config=FILE, "
                    + "lr=tuned|config, "
                    + "GROUP=NAME for a group in " + GROUPS + ", or SECTION.KEY=VALUE for a section in "
                    + ConfigSchema.SECTIONS);
        }
        String section = key.substring(0, dot);
        String field = key.substring(dot + 1);
        JsonNode node = resolved.get(section);
        if (!(node instanceof ObjectNode) || section.endsWith("_file")) {
            throw new ConfigException("Override '" + key + "': no section '" + section + "'; sections: "
                    + ConfigSchema.SECTIONS);
        }
        ObjectNode target = (ObjectNode) node;
        if (!target.has(field)) {
            throw new ConfigException("Override '" + key + "': " + section + " has no key '" + field + "'; valid keys: "
                    + keys(target));
        }
        target.set(field, scalar(value));
    }

    /** A command-line value as YAML reads it: 0.01 a number, true a boolean, null null, else text. */
    private JsonNode scalar(String value) {
        try {
            JsonNode parsed = yaml.readTree(value.isEmpty() ? "''" : value);
            if (parsed != null && (parsed.isValueNode() || parsed.isNull())) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // not YAML: keep the text
        }
        return yaml.getNodeFactory().textNode(value);
    }

    /** The file of {@code config=VALUE}: a resolved config, as a run folder holds it. */
    private static Path resolvedConfigFile(String value) {
        Path file = configFile(value);
        if (Files.isDirectory(file)) {
            throw new ConfigException("config=" + value + " is a folder, not a config file; pass config=" + file.resolve(
                    "config.yaml") + " to repeat the run of a run folder, or resume=" + value + " to continue it");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config=" + value + ": no such file; pass the config.yaml of a run folder "
                    + "(reports/runs/<run>/config.yaml)");
        }
        return file;
    }

    private static Map<String, String> parseArguments(List<String> arguments) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : arguments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("Argument '" + ConfigException.clip(a) + "' is not KEY=VALUE (e.g. "
                        + "experiment=cifar100_vgg, optimizer=adam, train.seed=2)");
            }
            String key = a.substring(0, eq).trim();
            if (args.put(key, a.substring(eq + 1).trim()) != null) {
                throw new UsageException("Argument '" + ConfigException.clip(key) + "' is given twice");
            }
        }
        return args;
    }

    private static Path configFile(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException("config=" + value + " is not a valid file path (" + e.getReason()
                    + "); give the config.yaml of a run folder", e);
        }
    }

    private Path file(String group, String name) {
        Path p;
        try {
            p = configs.resolve(group).resolve(name + ".yaml");
        } catch (InvalidPathException e) {
            throw new ConfigException(group + "=" + name + " is not a config name; choose one of " + names(group), e);
        }
        if (!Files.isRegularFile(p)) {
            throw new ConfigException(group + "=" + name + ": no file " + p + "; choose one of " + names(group));
        }
        return p;
    }

    /** The config names of a group folder, sorted. */
    public List<String> names(String group) {
        Path dir = configs.resolve(group);
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("Config folder " + dir + " is missing: run from the project folder or pass "
                    + "-Dsuite.root=/path/to/project");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode readObject(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("Config file " + file + " does not exist");
        }
        StrictYaml.requireSmall(file, "config file");
        try {
            JsonNode node = yaml.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": expected a mapping of keys to values at the top level");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new ConfigException(file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static List<String> keys(ObjectNode node) {
        List<String> k = new ArrayList<>();
        node.fieldNames().forEachRemaining(k::add);
        return k;
    }
}
