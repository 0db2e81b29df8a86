package dev.vsgdsuite.suite.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a YAML file into records, refusing what the records do not declare: an unknown key fails
 * naming the file, where the key is and the keys valid there, so a typo never runs silently.
 */
public final class StrictYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private StrictYaml() {}

    /**
     * The content of {@code file} as {@code type}; null for an empty file.
     *
     * @param what the kind of file, for messages ("profile file")
     * @throws ConfigException for a missing file, an unknown key or a value of the wrong type
     */
    public static <T> T read(Path file, Class<T> type, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(what.substring(0, 1).toUpperCase() + what.substring(1) + " " + file
                    + " does not exist");
        }
        try {
            return YAML.readValue(file.toFile(), type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": unknown key '" + e.getPropertyName() + "' at " + where(e)
                    + "; valid keys there: " + e.getKnownPropertyIds(), e);
        } catch (IOException e) {
            throw new ConfigException(file + " is not a valid " + what + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static String where(UnrecognizedPropertyException e) {
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.replace(".[", "[");
    }
}
