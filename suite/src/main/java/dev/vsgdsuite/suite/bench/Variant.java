package dev.vsgdsuite.suite.bench;

import java.util.function.Supplier;

import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import dev.vsgdsuite.vsgd.Switch;

/**
 * One of the suite's switches set to another value for some of a benchmark's networks, so that a
 * replacement and what it replaces are timed in the same run, taking turns (e.g.
 * {@code suite.convCache=false}, {@code suite.groupedConv=slices}, {@code suite.fastLayers=false},
 * {@code suite.gelu=ops}). Only a declared switch read when a network or updater is built
 * ({@link Switch.When#BUILD}) can be a variant, with one of its values: a misspelt name would
 * otherwise time the default against itself. The property is set while the variant's network is built
 * and while each of its iterations runs, and restored after.
 */
public record Variant(String property, String value) {

    public Variant {
        if (property == null || value == null) {
            throw new IllegalArgumentException("a variant needs a switch and a value");
        }
        Switch declared = SuiteSwitches.named(property);
        if (declared.when() != Switch.When.BUILD) {
            throw new IllegalArgumentException(property + " is read " + declared.when()
                    + ", not when a network is built, so a variant cannot change it; give -D" + property
                    + "=VALUE to the JVM instead");
        }
        value = declared.check(value);
        if (value == null) {
            throw new IllegalArgumentException(property + " needs a value: " + String.join(" or ", declared.values()));
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
