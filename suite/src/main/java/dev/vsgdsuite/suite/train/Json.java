package dev.vsgdsuite.suite.train;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The JSON mappers of run folders (metrics lines, results, trainer state), and the number formats
 * their records share. Readers ignore keys they do not know, so files from other versions of the
 * suite stay readable.
 */
public final class Json {

    /** Compact, one object per line. */
    public static final ObjectMapper LINE = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** Indented, for files people read. */
    public static final ObjectMapper PRETTY = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {}

    /** Writes a number that is not finite (no value: not evaluated, not set) as null. */
    public static final class FiniteOrNull extends StdSerializer<Double> {

        public FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    /** Reads null (or a missing key) as NaN, the inverse of {@link FiniteOrNull} for "no value". */
    public static final class NullAsNaN extends NumberWithNull {

        public NullAsNaN() {
            super(Double.NaN);
        }
    }

    /** Reads null (or a missing key) as +∞, the inverse of {@link FiniteOrNull} for "nothing seen yet" minima. */
    public static final class NullAsPositiveInfinity extends NumberWithNull {

        public NullAsPositiveInfinity() {
            super(Double.POSITIVE_INFINITY);
        }
    }

    private abstract static class NumberWithNull extends JsonDeserializer<Double> {

        private final double whenNull;

        NumberWithNull(double whenNull) {
            this.whenNull = whenNull;
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return ctxt.readValue(p, Double.class);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return whenNull;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return whenNull;
        }
    }
}
