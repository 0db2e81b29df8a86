package dev.vsgdsuite.suite.schema;

import java.util.Objects;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One declared config key: its YAML name, what it means, its default and the rule its value obeys.
 * The one declaration feeds the check of a YAML section (unknown keys are rejected by name), the
 * reading and validation of its value, and the generated key reference (docs/OPTIMIZERS.md), so the
 * three can never disagree.
 *
 * @param name         the YAML key
 * @param kind         the value's type
 * @param defaultValue the value when the key is absent; null makes the key required
 * @param doc          what the value means, one sentence
 * @param rule         what a valid value satisfies (applied after the type check)
 * @param ruleText     the rule in words, for messages and docs ("in [0, 1)")
 */
public record Key<T>(String name, Kind<T> kind, T defaultValue, String doc, Predicate<T> rule, String ruleText) {

    public Key {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(ruleText, "ruleText");
    }

    /** A finite number; {@code defaultValue} null makes it required. */
    public static Key<Double> number(String name, Double defaultValue, String doc, Predicate<Double> rule,
                                     String ruleText) {
        return new Key<>(name, Kind.NUMBER, defaultValue, doc, rule, ruleText);
    }

    /** A true/false switch. */
    public static Key<Boolean> flag(String name, boolean defaultValue, String doc) {
        return new Key<>(name, Kind.FLAG, defaultValue, doc, v -> true, "true or false");
    }

    /** True when the key has a default, so a section may omit it. */
    public boolean optional() {
        return defaultValue != null;
    }

    /**
     * The value of this key in {@code section}, or its default, type-checked. The rule is checked where
     * the value is used to construct a config ({@link #require}), so a config built in code obeys it too.
     */
    public T read(Section section) {
        if (!section.has(name) && optional()) {
            return defaultValue;
        }
        return kind.read(section, name);
    }

    /** {@code value} if it obeys the rule; else a {@link ConfigException} naming {@code section.key}, the value and the rule. */
    public T require(String section, T value) {
        if (value == null || !rule.test(value)) {
            throw new ConfigException(section + "." + name + " = " + value + " is invalid: it must be " + ruleText + ".");
        }
        return value;
    }

    /** The value types a key can have, each read through {@link Section}'s checked accessors. */
    public interface Kind<T> {
        Kind<Double> NUMBER = new Kind<>() {
            @Override
            public Double read(Section s, String key) {
                double v = s.number(key);
                s.check(Double.isFinite(v), key, v, "a finite number");
                return v;
            }

            @Override
            public JsonNode node(Double value) {
                return JsonNodeFactory.instance.numberNode(value);
            }

            @Override
            public String toString() {
                return "number";
            }
        };

        Kind<Boolean> FLAG = new Kind<>() {
            @Override
            public Boolean read(Section s, String key) {
                return s.bool(key);
            }

            @Override
            public JsonNode node(Boolean value) {
                return JsonNodeFactory.instance.booleanNode(value);
            }

            @Override
            public String toString() {
                return "true/false";
            }
        };

        T read(Section section, String key);

        /** The YAML value of {@code value}, as a config file would hold it. */
        JsonNode node(T value);
    }

    /** This key's default as a YAML value (only for optional keys). */
    public JsonNode defaultNode() {
        return kind.node(defaultValue);
    }
}
