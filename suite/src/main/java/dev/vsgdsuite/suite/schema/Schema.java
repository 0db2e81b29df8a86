package dev.vsgdsuite.suite.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The declared keys of one config section (one optimizer, say): which keys a YAML mapping may hold,
 * and what an absent key means. {@code fixed} keys (like {@code name}) are allowed but carry no
 * declaration of their own.
 */
public record Schema(String section, List<String> fixed, List<Key<?>> keys) {

    public Schema {
        fixed = List.copyOf(fixed);
        keys = List.copyOf(keys);
        Set<String> seen = new LinkedHashSet<>(fixed);
        for (Key<?> k : keys) {
            if (!seen.add(k.name())) {
                throw new IllegalArgumentException(section + ": key '" + k.name() + "' is declared twice");
            }
        }
    }

    /** Every key a section may hold, in declaration order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(fixed);
        keys.forEach(k -> names.add(k.name()));
        return names;
    }

    /**
     * Rejects a key of {@code present} that this schema does not declare, naming it, where it came from
     * ({@code origin}: a file, or the section of a resolved config) and the valid keys.
     */
    public void rejectUnknown(Iterable<String> present, Object origin) {
        List<String> valid = names();
        for (String key : present) {
            if (!valid.contains(key)) {
                throw new ConfigException(origin + ": " + section + "." + key + " is not a key of " + section
                        + "; valid: " + valid);
            }
        }
    }

    /** Adds each optional key that {@code node} lacks with its default, so the resolved config shows every value. */
    public void fillDefaults(ObjectNode node) {
        for (Key<?> k : keys) {
            if (!node.has(k.name()) && k.optional()) {
                node.set(k.name(), k.defaultNode());
            }
        }
    }
}
