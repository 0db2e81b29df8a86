package dev.vsgdsuite.suite.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The JVM process's peak resident memory, as Linux keeps it: {@code VmHWM} of {@code /proc/self/status}
 * (heap, nd4j's off-heap arrays, native libraries: everything the machine must hold). The peak can
 * be reset to the current resident size ({@code 5} written to {@code /proc/self/clear_refs}, Linux
 * 4.0+), so that one network's peak is read without the earlier networks' — though what the JVM kept
 * of theirs (a grown heap, freed native memory not returned) is still resident and counted.
 */
public final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ResidentMemory() {}

    /** Resets the peak to the current resident size; false where the system does not allow it (not Linux). */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The peak resident size in bytes since the process started or the last {@link #resetPeak}; empty off Linux. */
    public static OptionalLong peakBytes() {
        try {
            return highWaterMark(Files.readString(STATUS, StandardCharsets.US_ASCII));
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code VmHWM} of a {@code /proc/PID/status} text in bytes (the kernel writes kB), or empty if absent. */
    static OptionalLong highWaterMark(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] fields = line.substring("VmHWM:".length()).trim().split("\\s+");
                if (fields.length == 2 && fields[1].equals("kB")) {
                    try {
                        return OptionalLong.of(Long.parseLong(fields[0]) * 1024);
                    } catch (NumberFormatException e) {
                        return OptionalLong.empty();
                    }
                }
            }
        }
        return OptionalLong.empty();
    }
}
