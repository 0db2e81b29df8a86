package dev.vsgdsuite.vsgd;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A JVM system property that changes how the code runs, declared once: its name, the values it takes,
 * its default and what it means. The declaration is what reads the property (a value outside
 * {@link #values()} is refused naming them), what refuses a misspelt name in the switch's namespace
 * ({@link #refuseUnknown}), and what the switch reference in the docs is rendered from.
 *
 * @param name         the property name; one ending in {@code .*} declares a family
 *                     ({@code suite.data.*}: one property per dataset)
 * @param defaultValue the value when the property is unset or blank
 * @param values       the values it takes, or empty for a free-form value (a path, a number)
 * @param when         when the code reads it
 * @param meaning      one sentence for the docs and messages
 */
public record Switch(String name, String defaultValue, List<String> values, When when, String meaning) {

    /** When a switch is read, which decides what setting it part-way through a JVM does. */
    public enum When {
        /** When a network or an updater is built: a benchmark variant may set it per network. */
        BUILD("when a network or updater is built"),
        /** Once per JVM, on first use. */
        PROCESS("once per JVM"),
        /** When a run, a profile or a data set is set up. */
        RUN("when a run or profile is set up"),
        /** By the test suites only (set through Maven). */
        TEST("by the tests, through Maven");

        private final String text;

        When(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public Switch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(meaning, "meaning");
        values = List.copyOf(values);
        if (!values.isEmpty() && !values.contains(defaultValue)) {
            throw new IllegalArgumentException(name + ": the default " + defaultValue + " is not one of " + values);
        }
    }

    /** A switch over a fixed set of values. */
    public static Switch of(String name, String defaultValue, List<String> values, When when, String meaning) {
        return new Switch(name, defaultValue, values, when, meaning);
    }

    /** A switch with a free-form value (a path, a count); {@code defaultValue} may be null (unset). */
    public static Switch free(String name, String defaultValue, When when, String meaning) {
        return new Switch(name, defaultValue, List.of(), when, meaning);
    }

    /** Whether this declares a family of properties ({@code name.*}). */
    public boolean family() {
        return name.endsWith(".*");
    }

    /** Whether {@code property} is this switch, or one of its family. */
    public boolean declares(String property) {
        return family() ? property.startsWith(name.substring(0, name.length() - 1)) && property.length() > name.length() - 1
                : property.equals(name);
    }

    /**
     * The value set in this JVM, stripped, or the default when unset or blank.
     *
     * @throws IllegalArgumentException one line naming the switch, the value and the values it takes
     */
    public String value() {
        if (family()) {
            throw new IllegalStateException(name + " is a family: read " + name.replace("*", "NAME"));
        }
        return check(System.getProperty(name));
    }

    /** Whether the value set in this JVM is {@code expected}. */
    public boolean is(String expected) {
        return expected.equals(value());
    }

    /** {@code raw} as this switch reads it: stripped, the default when null or blank, refused when not a value. */
    public String check(String raw) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        String value = raw.strip();
        if (!values.isEmpty() && !values.contains(value)) {
            String lower = value.toLowerCase(Locale.ROOT);
            Optional<String> caseless = values.stream().filter(v -> v.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
            if (caseless.isPresent()) {
                return caseless.get();
            }
            throw new IllegalArgumentException("-D" + name + "=" + Texts.clip(value) + " is not valid: use "
                    + String.join(" or ", values) + " (default " + defaultValue + "; " + meaning + ")");
        }
        return value;
    }

    /**
     * Refuses a system property in one of {@code namespaces} (e.g. {@code "suite."}) that no switch of
     * {@code declared} declares, naming the nearest declared one: a misspelt switch would otherwise be
     * ignored silently and a run or a benchmark would measure the default.
     *
     * @throws IllegalArgumentException one line: the property, the nearest switch, where they are listed
     */
    public static void refuseUnknown(Collection<Switch> declared, Properties properties, Collection<String> namespaces,
                                     String listedIn) {
        for (String property : properties.stringPropertyNames().stream().sorted().toList()) {
            if (namespaces.stream().anyMatch(property::startsWith) && declared.stream().noneMatch(s -> s.declares(property))) {
                throw new IllegalArgumentException(unknown(property, declared, listedIn));
            }
        }
    }

    /** The message for a name no switch declares. */
    public static String unknown(String property, Collection<Switch> declared, String listedIn) {
        return "-D" + Texts.clip(property) + " is not a switch" + nearest(property, declared).map(s -> ": did you mean "
                + s.name() + "?").orElse("") + " (" + listedIn + " lists them)";
    }

    /** The declared switch whose name is nearest to {@code property} (edit distance, case ignored). */
    public static Optional<Switch> nearest(String property, Collection<Switch> declared) {
        return Texts.nearest(property, declared.stream().map(Switch::name).toList()).flatMap(n -> find(n, declared));
    }

    /** The switch of {@code declared} that declares {@code property}, if any. */
    public static Optional<Switch> find(String property, Collection<Switch> declared) {
        return declared.stream().filter(s -> s.declares(property)).findFirst();
    }
}
