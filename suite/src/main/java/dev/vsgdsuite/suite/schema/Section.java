package dev.vsgdsuite.suite.schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed, checked access to one section of a resolved config ({@code optimizer}, {@code train}, …):
 * every read names the key ({@code optimizer.lr}) and the expected type when the value is unusable.
 */
public final class Section {

    private final String name;
    private final ObjectNode node;

    public Section(String name, ObjectNode node) {
        this.name = name;
        this.node = node;
    }

    public String name() {
        return name;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    public String string(String key) {
        JsonNode v = require(key);
        if (!v.isValueNode()) {
            throw bad(key, v, "a text value");
        }
        return v.asText();
    }

    public String stringOrNull(String key) {
        return has(key) ? string(key) : null;
    }

    public double number(String key) {
        JsonNode v = require(key);
        if (!v.isNumber()) {
            throw bad(key, v, "a number");
        }
        return v.asDouble();
    }

    public Double numberOrNull(String key) {
        return has(key) ? number(key) : null;
    }

    public int integer(String key) {
        JsonNode v = whole(require(key));
        if (!v.isIntegralNumber()) {
            throw bad(key, v, "a whole number");
        }
        if (!v.canConvertToInt()) {
            throw bad(key, v, "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
        return v.asInt();
    }

    public long longInteger(String key) {
        JsonNode v = whole(require(key));
        if (!v.isIntegralNumber()) {
            throw bad(key, v, "a whole number");
        }
        // asLong() would wrap a larger value silently (99999999999999999999 → 7766279631452241919)
        if (!v.canConvertToLong()) {
            throw bad(key, v, "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
        return v.asLong();
    }

    public boolean bool(String key) {
        JsonNode v = require(key);
        if (!v.isBoolean()) {
            throw bad(key, v, "true or false");
        }
        return v.asBoolean();
    }

    /** A check on a value already read: fails naming {@code section.key}, the value and the rule. */
    public void check(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new ConfigException(name + "." + key + " = " + ConfigException.clip(value) + " is invalid: it must be "
                    + rule + ".");
        }
    }

    private JsonNode require(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigException(name + "." + key + " is missing; set it in the config or with " + name + "."
                    + key + "=VALUE (keys of " + name + ": " + keys() + ")");
        }
        return v;
    }

    private ConfigException bad(String key, JsonNode v, String expected) {
        return new ConfigException(name + "." + key + " = " + ConfigException.clip(v) + " is not " + expected + ".");
    }

    /**
     * A number written with an exponent or a fraction that is whole ({@code 1e1}, {@code 10.0}) as the
     * whole number it is; anything else unchanged.
     */
    private static JsonNode whole(JsonNode v) {
        if (v.isFloatingPointNumber()) {
            double d = v.asDouble();
            if (d == Math.rint(d) && Math.abs(d) <= (1L << 53)) {
                return com.fasterxml.jackson.databind.node.LongNode.valueOf((long) d);
            }
        }
        return v;
    }
}
