package dev.vsgdsuite.suite.experiment;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.runtime.ProjectPaths;

/**
 * The networks of the experiment configs (docs/PROTOCOL.md §2, §3): each experiment's model config at its
 * dataset's input shape, as a run builds it. This is what {@code vsgd-suite models} prints.
 */
public final class ModelCatalog {

    private ModelCatalog() {}

    /** Every experiment's network, by experiment name: the full paper's in its order, then the others. */
    public static Map<String, ModelSpec> paperModels() {
        Set<String> experiments = new LinkedHashSet<>(Profile.load("full-paper").experiments());
        experiments.addAll(new ConfigLoader(ProjectPaths.configs()).names("experiment"));
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        for (String experiment : experiments) {
            m.put(experiment, of(experiment));
        }
        return m;
    }

    /** The network of experiment {@code experiment} as its config file describes it. */
    public static ModelSpec of(String experiment) {
        return Experiment.network(Experiment.resolve(List.of("experiment=" + experiment)));
    }

    /** The experiment of the demo protocol: the {@code demo} profile's. */
    public static String demoExperiment() {
        return Profile.load("demo").experiments().get(0);
    }

    /** The network of the demo protocol (the authors' ConvMixer 16/4 on 28×28 grey images). */
    public static ModelSpec demo() {
        return of(demoExperiment());
    }
}
