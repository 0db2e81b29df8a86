package dev.vsgdsuite.suite.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Schema;

/**
 * The keys of each learning-rate schedule's section ({@code configs/scheduler/NAME.yaml} says what each
 * means); {@code optim.SchedulerConfig} reads and checks their values.
 */
final class SchedulerKeys {

    private static final Map<String, List<String>> KEYS = Map.of(
            "none", List.of(),
            "step", List.of("step_size", "gamma"),
            "cosine", List.of("t_max", "eta_min"),
            "plateau", List.of("factor", "patience", "threshold", "cooldown", "min_lr"));

    private SchedulerKeys() {}

    /** The keys a scheduler section named {@code name} may hold. */
    static Schema schema(String name) {
        List<String> keys = KEYS.get(name);
        if (keys == null) {
            throw new ConfigException("scheduler.name = " + name + " is invalid: it must be one of "
                    + new TreeSet<>(KEYS.keySet()) + ".");
        }
        List<String> fixed = new ArrayList<>(List.of("name"));
        fixed.addAll(keys);
        return new Schema("scheduler", fixed, List.of());
    }
}
