package dev.vsgdsuite.suite.schema;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
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

    /** A required whole number in the range of an {@code int}. */
    public static Key<Integer> integer(String name, String doc, Predicate<Integer> rule, String ruleText) {
        return new Key<>(name, Kind.INTEGER, null, doc, rule, ruleText);
    }

    /** A required whole number in the range of a {@code long}. */
    public static Key<Long> longInteger(String name, String doc) {
        return new Key<>(name, Kind.LONG, null, doc, v -> true, "a whole number");
    }

    /** A required text value. */
    public static Key<String> text(String name, String doc, Predicate<String> rule, String ruleText) {
        return new Key<>(name, Kind.TEXT, null, doc, rule, ruleText);
    }

    /** A text value that must be one of {@code values}, {@code defaultValue} when absent. */
    public static Key<String> choice(String name, String defaultValue, String doc, List<String> values) {
        List<String> allowed = List.copyOf(values);
        return new Key<>(name, Kind.TEXT, defaultValue, doc, allowed::contains, "one of " + allowed);
    }

    /** A key whose value may be null (YAML {@code null}: off, or "use the default location"); the rule applies otherwise. */
    public static <T> Key<T> nullable(Key<T> key) {
        return new Key<>(key.name, Kind.orNull(key.kind), null, key.doc, key.rule, key.ruleText + ", or null");
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

    /** The value of this key in {@code section}, read ({@link #read}) and checked against the rule ({@link #require}). */
    public T get(Section section) {
        return require(section.name(), read(section));
    }

    /** {@code value} if it obeys the rule; else a {@link ConfigException} naming {@code section.key}, the value and the rule. */
    public T require(String section, T value) {
        if (value == null ? !kind.nullable() : !rule.test(value)) {
            throw new ConfigException(section + "." + name + " = " + ConfigException.clip(value) + " is invalid: it must be "
                    + ruleText + ".");
        }
        return value;
    }

    /** The value types a key can have, each read through {@link Section}'s checked accessors. */
    public interface Kind<T> {
        Kind<Double> NUMBER = of("number", (s, key) -> {
            double v = s.number(key);
            s.check(Double.isFinite(v), key, v, "a finite number");
            return v;
        }, JsonNodeFactory.instance::numberNode);
        Kind<Boolean> FLAG = of("true/false", Section::bool, JsonNodeFactory.instance::booleanNode);
        Kind<Integer> INTEGER = of("whole number", Section::integer, JsonNodeFactory.instance::numberNode);
        Kind<Long> LONG = of("whole number", Section::longInteger, JsonNodeFactory.instance::numberNode);
        Kind<String> TEXT = of("text", Section::string, JsonNodeFactory.instance::textNode);

        /** A kind read by one of {@link Section}'s checked accessors and written as one YAML value type. */
        static <T> Kind<T> of(String name, BiFunction<Section, String, T> reader, Function<T, JsonNode> writer) {
            return new Kind<>() {
                @Override
                public T read(Section s, String key) {
                    return reader.apply(s, key);
                }

                @Override
                public JsonNode node(T value) {
                    return writer.apply(value);
                }

                @Override
                public String toString() {
                    return name;
                }
            };
        }

        /** {@code kind}, or null when the key is absent or null. */
        static <T> Kind<T> orNull(Kind<T> kind) {
            return new Kind<>() {
                @Override
                public T read(Section s, String key) {
                    return s.has(key) ? kind.read(s, key) : null;
                }

                @Override
                public JsonNode node(T value) {
                    return value == null ? JsonNodeFactory.instance.nullNode() : kind.node(value);
                }

                @Override
                public boolean nullable() {
                    return true;
                }

                @Override
                public String toString() {
                    return kind + " or null";
                }
            };
        }

        T read(Section section, String key);

        /** The YAML value of {@code value}, as a config file would hold it. */
        JsonNode node(T value);

        /** True when null is a value of this kind (the key is then never missing). */
        default boolean nullable() {
            return false;
        }
    }

    /** This key's default as a YAML value (only for optional keys). */
    public JsonNode defaultNode() {
        return kind.node(defaultValue);
    }
}
