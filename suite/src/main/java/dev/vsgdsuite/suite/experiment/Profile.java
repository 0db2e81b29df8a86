package dev.vsgdsuite.suite.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.config.LrSource;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.config.TunedOverlay;
import dev.vsgdsuite.suite.data.DatasetId;
import dev.vsgdsuite.suite.optim.OptimizerConfig;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.StrictYaml;
import dev.vsgdsuite.suite.verdict.SequentialDesign;

/**
 * A test profile of {@code configs/profiles.yaml} ({@code smoke}, {@code demo}, {@code full-paper}):
 * the command that runs it and its groups of runs. The CLI ({@code demo}, {@code grid}), the JUnit
 * suites and the report all take their runs from here.
 *
 * @param name    the profile's name; its runs go to {@code reports/runs/NAME}
 * @param command the command that runs the profile, named in RESULTS.md
 * @param lr      where its runs' learning rates come from: {@code config} (the configs' values, the
 *                default) or {@code tuned} (each experiment's {@code configs/tuned/} overlay);
 *                {@code -Dsuite.lr} changes it ({@link #withLr})
 * @param groups  its runs, group by group
 */
public record Profile(String name, String command, LrSource lr, List<RunGroup> groups) {

    public Profile {
        lr = lr == null ? LrSource.CONFIG : lr;
    }

    public static final String FILE = "profiles.yaml";

    /**
     * Every experiment × optimizer × seed, in that order, with the same overrides.
     *
     * @param name                a name for the group within its profile ({@code demo}, {@code pipelines})
     * @param epochs              when set, the runs last this many passes over the training set
     *                            ({@code train.max_iter} = epochs × ⌊training images / batch size⌋)
     * @param overrides           {@code key=value} arguments of every run of the group
     * @param experimentOverrides further arguments per experiment, after the group's
     */
    public record RunGroup(String name, List<String> experiments, List<String> optimizers, Seeds seeds,
                           Integer epochs, List<String> overrides,
                           @JsonProperty("experiment_overrides") Map<String, List<String>> experimentOverrides) {

        public RunGroup {
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
            experimentOverrides = experimentOverrides == null ? Map.of() : Map.copyOf(experimentOverrides);
        }

        /** The same group with other seeds. */
        public RunGroup withSeeds(List<Long> newSeeds) {
            return withSeeds(Seeds.of(newSeeds));
        }

        /** The same group with other seeds, fixed or sequential. */
        public RunGroup withSeeds(Seeds newSeeds) {
            return new RunGroup(name, experiments, optimizers, newSeeds, epochs, overrides, experimentOverrides);
        }

        /** The same group with other optimizers, run in the order given. */
        public RunGroup withOptimizers(List<String> newOptimizers) {
            newOptimizers.forEach(OptimizerConfig::type);   // an unknown name fails here, listing the known ones
            return new RunGroup(name, experiments, List.copyOf(newOptimizers), seeds, epochs, overrides,
                    experimentOverrides);
        }

        /** The same group lasting {@code newEpochs} passes over the training set. */
        public RunGroup withEpochs(int newEpochs) {
            return new RunGroup(name, experiments, optimizers, seeds, newEpochs, overrides, experimentOverrides);
        }

        /** The runs of this group, labelled with {@code profile}. */
        public List<Invocation> runs(String profile) {
            List<Invocation> out = new ArrayList<>();
            for (String experiment : experiments) {
                List<String> arguments = new ArrayList<>(overrides);
                arguments.addAll(experimentOverrides.getOrDefault(experiment, List.of()));
                if (epochs != null) {
                    arguments.add("train.max_iter=" + iterations(experiment, arguments));
                }
                for (String optimizer : optimizers) {
                    for (long seed : seeds.list()) {
                        out.add(new Invocation(profile, experiment, optimizer, seed, List.copyOf(arguments)));
                    }
                }
            }
            return out;
        }

        /** {@code epochs} × ⌊training images / batch size⌋ for the experiment with these arguments. */
        private int iterations(String experiment, List<String> arguments) {
            List<String> all = new ArrayList<>(List.of("experiment=" + experiment));
            all.addAll(arguments);
            RunConfig c = Experiment.resolve(all);
            if (c.dataset().path() != null) {
                throw new ConfigException(name + ": epochs = " + epochs + " needs a dataset of known size, but "
                        + experiment + " reads dataset " + c.dataset().name() + " from " + c.dataset().path()
                        + "; give train.max_iter instead");
            }
            return epochs * (DatasetId.fromId(c.dataset().name()).trainingImages() / c.train().batchSize());
        }
    }

    /** Every run of the profile, group after group, with the profile's learning-rate source. */
    public List<Invocation> runs() {
        List<Invocation> out = new ArrayList<>();
        for (RunGroup g : groups) {
            for (Invocation inv : g.runs(name)) {
                List<String> overrides = new ArrayList<>(List.of(ConfigLoader.LR + "=" + lr));
                overrides.addAll(inv.overrides());
                out.add(new Invocation(inv.profile(), inv.experiment(), inv.optimizer(), inv.seed(), List.copyOf(overrides)));
            }
        }
        return out;
    }

    /**
     * The same profile taking its learning rates from {@code source} ({@code tuned} or {@code config});
     * null or blank: unchanged. This is what {@code -Dsuite.lr} sets.
     */
    public Profile withLr(String source) {
        if (source == null || source.isBlank()) {
            return this;
        }
        return new Profile(name, command, LrSource.parse(source, "-Dsuite.lr"), groups);
    }

    /**
     * The experiments of a {@code tuned} profile that have no tuned learning rate for one of their
     * optimizers, as "experiment (optimizers)"; empty when every run can start (or the profile uses
     * the configs' values).
     */
    public List<String> untuned() {
        List<String> missing = new ArrayList<>();
        if (lr != LrSource.TUNED) {
            return missing;
        }
        for (String experiment : experiments()) {
            TunedOverlay overlay = TunedOverlay.readIfPresent(TunedOverlay.file(ProjectPaths.configs(), experiment));
            List<String> lacking = groups.stream().filter(g -> g.experiments().contains(experiment))
                    .flatMap(g -> g.optimizers().stream()).distinct()
                    .filter(o -> overlay == null || !overlay.optimizers().containsKey(o)).toList();
            if (!lacking.isEmpty()) {
                missing.add(experiment + " " + lacking);
            }
        }
        return missing;
    }

    /**
     * Refuses to start a {@code tuned} profile with an experiment that has no tuned learning rates:
     * running Adam at a placeholder learning rate must be a visible choice ({@code -Dsuite.lr=config}).
     */
    public void requireTuned() {
        List<String> missing = untuned();
        if (!missing.isEmpty()) {
            throw new ConfigException("Profile " + name + " runs with tuned learning rates, but these have none in "
                    + "configs/tuned/: " + String.join("; ", missing) + ". Tune them (mvn verify -Ptune "
                    + "-Dsuite.tune.profile=" + name + ", or ./vsgd-suite tune experiment=E optimizer=O) and commit the "
                    + "overlays, or pass -Dsuite.lr=config to run at the configs' learning rates");
        }
    }

    /** The group called {@code groupName}. */
    public RunGroup group(String groupName) {
        return groups.stream().filter(g -> g.name().equals(groupName)).findFirst()
                .orElseThrow(() -> new ConfigException("Profile " + name + " has no group '" + groupName + "'; groups: "
                        + groups.stream().map(RunGroup::name).toList()));
    }

    /** The experiments the profile runs, in order of first appearance. */
    public List<String> experiments() {
        return List.copyOf(groups.stream().flatMap(g -> g.experiments().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** The same profile with {@code seeds} for every group. */
    public Profile withSeeds(List<Long> seeds) {
        return map(g -> g.withSeeds(seeds));
    }

    /**
     * The same profile with the seeds {@code spec} names: a count N (the profile's first seed and the
     * N − 1 after it, so 5 on the demo is 0…4 and 3 on the paper 124…126) or a comma-separated list.
     * Null or blank: unchanged. This is what {@code -Dsuite.seeds} sets.
     */
    public Profile withSeeds(String spec) {
        if (spec == null || spec.isBlank()) {
            return this;
        }
        if (spec.trim().startsWith("auto")) {
            Seeds auto = Seeds.parseAuto(spec, "-Dsuite.seeds");
            return map(g -> g.withSeeds(auto.sequential() && auto.autoMax() == Seeds.DESIGN_MAX
                    ? auto.withDesignMax(design(ProjectPaths.configs().resolve(FILE)).max()) : auto));
        }
        List<Long> seeds = new java.util.ArrayList<>();
        try {
            if (spec.contains(",")) {
                for (String part : spec.split(",")) {
                    seeds.add(Long.parseLong(part.trim()));
                }
            } else {
                int n = Integer.parseInt(spec.trim());
                long first = groups.get(0).seeds().list().get(0);
                for (int i = 0; i < n; i++) {
                    seeds.add(first + i);
                }
            }
        } catch (NumberFormatException e) {
            throw new ConfigException("-Dsuite.seeds=" + spec + " is not a count (5), a list of seeds (0,1,7), auto or auto:MAX");
        }
        if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
            throw new ConfigException("-Dsuite.seeds=" + spec + ": give at least one seed, each once");
        }
        return withSeeds(seeds);
    }

    /** Whether some group's seeds come in rounds ({@code seeds: auto}). */
    public boolean sequential() {
        return groups.stream().anyMatch(g -> g.seeds() != null && g.seeds().sequential());
    }

    /** The sequential design of the claims file beside {@code profiles} (configs/claims.yaml). */
    static SequentialDesign design(Path profiles) {
        return SequentialDesign.read(profiles.resolveSibling("claims.yaml"));
    }

    private Profile map(UnaryOperator<RunGroup> f) {
        return new Profile(name, command, lr, groups.stream().map(f).toList());
    }

    /** The profile called {@code name} in the project's {@code configs/profiles.yaml}. */
    public static Profile load(String name) {
        List<Profile> all = all();
        return all.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("Unknown profile '" + name + "'; profiles in "
                        + ProjectPaths.configs().resolve(FILE) + ": " + all.stream().map(Profile::name).toList()));
    }

    /** Every profile of the project's {@code configs/profiles.yaml}, in file order. */
    public static List<Profile> all() {
        return read(ProjectPaths.configs().resolve(FILE));
    }

    /** The profiles of {@code file}; unknown or missing keys fail naming the file and the key. */
    public static List<Profile> read(Path file) {
        ProfileFile parsed = StrictYaml.read(file, ProfileFile.class, "profile file");
        if (parsed == null || parsed.profiles() == null) {
            throw new ConfigException(file + ": the top-level key 'profiles' is missing");
        }
        parsed.profiles().forEach(p -> check(file, p));
        return parsed.profiles().stream().map(p -> p.sequential()
                ? p.map(g -> g.withSeeds(g.seeds().withDesignMax(design(file).max()))) : p).toList();
    }

    private static void check(Path file, Profile p) {
        require(file, p.name() != null, "a profile", "name");
        require(file, p.groups() != null && !p.groups().isEmpty(), "profile " + p.name(), "groups");
        for (RunGroup g : p.groups()) {
            String where = "profile " + p.name() + ", group " + g.name();
            require(file, g.name() != null, "a group of profile " + p.name(), "name");
            require(file, g.experiments() != null && !g.experiments().isEmpty(), where, "experiments");
            require(file, g.optimizers() != null && !g.optimizers().isEmpty(), where, "optimizers");
            require(file, g.seeds() != null && !g.seeds().isEmpty(), where, "seeds");
            if (g.epochs() != null && g.epochs() < 1) {
                throw new ConfigException(file + ": " + where + ": epochs = " + g.epochs() + " must be >= 1");
            }
            for (String e : g.experimentOverrides().keySet()) {
                if (!g.experiments().contains(e)) {
                    throw new ConfigException(file + ": " + where + ": experiment_overrides names " + e
                            + ", which is not one of its experiments " + g.experiments());
                }
            }
        }
    }

    private static void require(Path file, boolean ok, String where, String key) {
        if (!ok) {
            throw new ConfigException(file + ": " + where + " lacks '" + key + "' (or it is empty)");
        }
    }

    /** The file's root: {@code profiles:} and the list. */
    private record ProfileFile(List<Profile> profiles) {}
}
