package dev.vsgdsuite.suite.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON mapper of run folders (metrics lines, results, trainer state). */
public final class Json {

    /** Compact, one object per line. */
    public static final ObjectMapper LINE = new ObjectMapper();
    /** Indented, for files people read. */
    public static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}
}
