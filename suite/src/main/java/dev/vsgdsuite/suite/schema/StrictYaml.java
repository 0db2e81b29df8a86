package dev.vsgdsuite.suite.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a YAML file into records, refusing what the records do not declare: an unknown key fails
 * naming the file, where the key is and the keys valid there, so a typo never runs silently. A file
 * larger than any config ({@link #MAX_BYTES}) is refused before it is parsed, and a file that is not
 * YAML, is cut short or holds the wrong shape is named with the line and the key where it goes wrong.
 */
public final class StrictYaml {

    /** No config, plan or overlay of the suite comes near this; a larger file is not one. */
    public static final long MAX_BYTES = 1 << 20;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    /** The same without the null check: finds an unknown key that Jackson reports only after a missing one. */
    private static final ObjectMapper LENIENT = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StrictYaml() {}

    /**
     * The content of {@code file} as {@code type}; null for an empty file.
     *
     * @param what the kind of file, for messages ("profile file")
     * @throws ConfigException for a missing or oversized file, an unknown key or a value of the wrong type
     */
    public static <T> T read(Path file, Class<T> type, String what) {
        return read(file, type, what, null);
    }

    /** As {@link #read(Path, Class, String)}, with {@code fix} (how to get a good file) added to a message. */
    public static <T> T read(Path file, Class<T> type, String what, String fix) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(what.substring(0, 1).toUpperCase() + what.substring(1) + " " + file
                    + " does not exist");
        }
        requireSmall(file, what);
        String tail = fix == null ? "" : "; " + fix;
        try {
            byte[] bytes = Files.readAllBytes(file);   // read once: the blank check and both parses use it
            if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                return null;
            }
            return parse(bytes, type, file, what, tail);
        } catch (IOException e) {
            throw new ConfigException(file + " is not a valid " + what + ": " + e.getMessage().lines().findFirst().orElse("")
                    + tail, e);
        }
    }

    /** {@code bytes} of {@code file} as {@code type}; a Jackson error becomes one line naming the place and the fix. */
    private static <T> T parse(byte[] bytes, Class<T> type, Path file, String what, String tail) throws IOException {
        try {
            return YAML.readValue(bytes, type);
        } catch (UnrecognizedPropertyException e) {
            throw unknownKey(file, e, tail);
        } catch (MismatchedInputException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Cannot map `null`")) {
                try {
                    LENIENT.readValue(bytes, type);
                } catch (UnrecognizedPropertyException unknown) {
                    throw unknownKey(file, unknown, tail);
                } catch (IOException | RuntimeException ignored) {
                    // the missing key is the problem to name
                }
                throw new ConfigException(file + ": " + orTopLevel(where(e)) + " is missing or null; it must be set"
                        + tail, e);
            }
            if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                throw new ConfigException(file + ": " + orTopLevel(where(e)) + " = " + ConfigException.clip(invalid.getValue())
                        + " is not one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants()) + tail, e);
            }
            throw new ConfigException(file + " is not a valid " + what + ": " + orTopLevel(where(e)) + " has the wrong shape "
                    + "(expected " + expected(e.getTargetType()) + ")" + tail, e);
        } catch (ValueInstantiationException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : shortProblem(e);
            throw new ConfigException(file + ": " + orTopLevel(where(e)) + ": " + why + tail, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + " is not a valid " + what + ": it is not YAML" + at(e.getLocation()) + " ("
                    + shortProblem(e) + "), as a file cut short or corrupted is not" + tail, e);
        }
    }

    /**
     * Refuses a file larger than {@link #MAX_BYTES} before anything parses it (a parser takes minutes on
     * tens of megabytes).
     */
    public static void requireSmall(Path file, String what) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException(file + " is " + size + " bytes, more than any " + what + " holds ("
                        + (MAX_BYTES >> 20) + " MiB at most): it is not one; point at the right file");
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ConfigException unknownKey(Path file, UnrecognizedPropertyException e, String tail) {
        return new ConfigException(file + ": unknown key '" + ConfigException.clip(e.getPropertyName()) + "' at "
                + where(e) + "; valid keys there: " + e.getKnownPropertyIds() + tail, e);
    }

    /** What a value of {@code type} looks like in YAML. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        return type == Boolean.class || type == boolean.class ? "true or false" : "text";
    }

    private static String orTopLevel(String where) {
        return where.isEmpty() ? "the top level" : where;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's message without its hints about Java types and settings. */
    private static String shortProblem(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        m = m.lines().findFirst().orElse("").replaceAll("\\s*\\(.*?\\)", "").replaceAll("`[a-z.]+\\.([A-Za-z$]+)`", "$1");
        return ConfigException.clip(m.strip());
    }

    private static String where(JsonMappingException e) {
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.replace(".[", "[");
    }
}
