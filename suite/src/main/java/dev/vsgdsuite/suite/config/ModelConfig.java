package dev.vsgdsuite.suite.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Schema;
import dev.vsgdsuite.suite.schema.Section;

/**
 * The model section: the architecture and its keys, as data. The network they describe depends on
 * the input shape and classes, which come from the dataset; {@code model.Networks} builds it and
 * checks the values (docs/PROTOCOL.md §3 describes each architecture's keys).
 */
public record ModelConfig(String arch, Section values) {

    public static final List<String> ARCHITECTURES = List.of("vgg", "convmixer", "resnext");

    /** The keys each architecture's section may hold, besides {@code arch}. */
    private static final Map<String, List<String>> KEYS = Map.of(
            "vgg", List.of("config", "width_divisor"),
            "convmixer", List.of("dim", "depth", "kernel", "patch"),
            "resnext", List.of("cardinality", "depth", "widen_factor", "base_width"));

    /** The keys a model section of {@code arch} may hold. */
    public static Schema schema(String arch) {
        List<String> keys = KEYS.get(arch);
        if (keys == null) {
            throw new ConfigException("model.arch = " + arch + " is invalid: it must be one of " + ARCHITECTURES + ".");
        }
        List<String> fixed = new ArrayList<>(List.of("arch"));
        fixed.addAll(keys);
        return new Schema("model", fixed, List.of());
    }

    static ModelConfig from(Section s) {
        String arch = s.string("arch");
        schema(arch).rejectUnknown(s.keys(), "the model section (" + arch + ")");
        return new ModelConfig(arch, s);
    }
}
