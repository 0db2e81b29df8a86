package dev.vsgdsuite.suite.bench;

import java.util.function.Supplier;

/**
 * One of the suite's switches set to another value for some of a benchmark's networks, so that a
 * replacement and what it replaces are timed in the same run, taking turns (e.g.
 * {@code suite.convCache=false}, {@code suite.groupedConv=slices}, {@code suite.fastLayers=false},
 * {@code suite.gelu=ops}). The system property is set while the variant's network is built and
 * while each of its iterations runs, and restored after, so switches read at build time and those
 * read on every call both apply.
 */
public record Variant(String property, String value) {

    public Variant {
        if (property == null || !property.matches("[A-Za-z][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("'" + property + "' is not a system property name");
        }
        if (value == null) {
            throw new IllegalArgumentException(property + " needs a value");
        }
    }

    /**
     * {@code PROPERTY=VALUE}.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static Variant parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("'" + text + "': give PROPERTY=VALUE, e.g. suite.convCache=false");
        }
        return new Variant(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
    }

    /** Runs {@code work} with the property set to this value, then puts back what was there. */
    public <T> T apply(Supplier<T> work) {
        String before = System.getProperty(property);
        System.setProperty(property, value);
        try {
            return work.get();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    @Override
    public String toString() {
        return property + "=" + value;
    }
}
