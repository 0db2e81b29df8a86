package dev.vsgdsuite.suite.config;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vsgdsuite.suite.schema.ConfigException;

/**
 * Where a run's learning rate comes from: the argument {@code lr=}, a profile's {@code lr:} and
 * {@code -Dsuite.lr}. A value of one's own is {@code optimizer.lr=VALUE}, not a source.
 */
public enum LrSource {

    /** The configs' values ({@code configs/optimizer/O.yaml} and the experiment's); the default. */
    CONFIG("config"),
    /** Each experiment's tuned overlay, {@code configs/tuned/E.yaml}, written by {@code ./vsgd-suite tune}. */
    TUNED("tuned");

    private final String yamlName;

    LrSource(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name YAML and the command line use. */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }

    /** Every source's name, as the command line spells them. */
    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(LrSource::yamlName).toList();
    }

    /**
     * The source called {@code name}; anything else is refused naming {@code origin} and the two names.
     *
     * @throws ConfigException naming {@code origin}
     */
    public static LrSource parse(String name, Object origin) {
        return Arrays.stream(values()).filter(s -> s.yamlName.equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException(origin + ": lr = " + ConfigException.clip(name) + " must be "
                        + TUNED.yamlName + " or " + CONFIG.yamlName));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
