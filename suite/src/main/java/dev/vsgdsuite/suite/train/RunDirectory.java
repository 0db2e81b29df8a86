package dev.vsgdsuite.suite.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's folder under {@code reports/runs/}: {@code config.yaml} (the resolved config),
 * {@code metrics.jsonl}, {@code result.json}, {@code checkpoint.zip}. Files that replace earlier
 * versions are written to a temporary file and renamed, so a kill never leaves a half-written one.
 */
public final class RunDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);

    public static final String CONFIG = "config.yaml";
    public static final String METRICS = "metrics.jsonl";
    public static final String RESULT = "result.json";
    public static final String CHECKPOINT = "checkpoint.zip";
    /** VSGD runs: the final distribution of the implicit momentum β1. */
    public static final String BETA1 = "beta1_final.json";

    private final Path dir;
    private RunLock lock;
    private int lockHolds;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** A new folder {@code runsRoot/<name>-<timestamp>} (a suffix keeps it unique). */
    public static RunDirectory create(Path runsRoot, String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            Files.createDirectories(runsRoot);
            Path dir = runsRoot.resolve(name + "-" + stamp);
            for (int i = 2; Files.exists(dir); i++) {
                dir = runsRoot.resolve(name + "-" + stamp + "-" + i);
            }
            Files.createDirectory(dir);
            return new RunDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a run folder under " + runsRoot + ": " + e.getMessage(), e);
        }
    }

    /** An existing run folder, for resume: it must hold the resolved config. */
    public static RunDirectory existing(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new IllegalArgumentException("resume=" + dir + ": not a run folder (no " + CONFIG + " in it); "
                    + "give the folder of an earlier run under reports/runs/");
        }
        return new RunDirectory(dir);
    }

    /**
     * Locks the folder for this process's run ({@link RunLock}); nested calls on this object share the
     * one lock, released when the outermost lease closes.
     *
     * @throws RunFolderLockedException when another run holds it
     */
    public synchronized Lease lock() {
        if (lockHolds == 0) {
            lock = RunLock.acquire(dir);
        }
        lockHolds++;
        return this::unlock;
    }

    private synchronized void unlock() {
        if (--lockHolds == 0) {
            lock.close();
            lock = null;
        }
    }

    /** A hold on the folder's lock. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    public Path path() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public void writeAtomically(String name, byte[] content) {
        Path tmp = dir.resolve(name + ".tmp");
        try {
            Files.write(tmp, content);
            moveAtomically(tmp, dir.resolve(name));
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("Cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** Removes a temporary file after a failed write (disk full): the failure, not this, is what gets reported. */
    static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the write error is the one worth reporting
        }
    }

    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code value} as indented JSON, written atomically. */
    public void writeJson(String name, Object value) {
        try {
            writeAtomically(name, Json.PRETTY.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** Appends one metrics line and flushes, so a killed run keeps what it logged. */
    void appendMetrics(MetricsLine record) {
        try (BufferedWriter w = Files.newBufferedWriter(file(METRICS), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(Json.LINE.writeValueAsString(record));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to " + file(METRICS) + ": " + e.getMessage(), e);
        }
    }

    /** The metrics lines, parsed; a line that is not a JSON object is an error naming the file and the line. */
    public List<JsonNode> readMetrics() {
        return readMetrics(false);
    }

    /**
     * @param dropTornLast whether a last line cut short (no newline after it, not parseable) is dropped:
     *                     what a kill during its append leaves
     */
    private List<JsonNode> readMetrics(boolean dropTornLast) {
        List<JsonNode> out = new ArrayList<>();
        Path f = file(METRICS);
        if (!Files.exists(f)) {
            return out;
        }
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + f + ": " + e.getMessage(), e);
        }
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String problem;
            try {
                JsonNode node = Json.LINE.readTree(line);
                if (node != null && node.isObject()) {
                    out.add(node);
                    continue;
                }
                problem = "it is not an object";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                problem = e.getOriginalMessage();
            }
            boolean torn = i == lines.size() - 1 && !text.endsWith("\n");
            if (torn && dropTornLast) {
                LOG.warn("{}: dropping its last line, cut short by a kill while it was written", f);
                continue;
            }
            String message = f + " line " + (i + 1) + " is not a JSON object"
                    + (torn ? " (cut short: the run was killed while writing it)" : "") + ": " + problem;
            throw new UncheckedIOException(message, new IOException(message));
        }
        return out;
    }

    /** Removes the metrics (of a run restarted from its beginning). */
    public void deleteMetrics() {
        try {
            Files.deleteIfExists(file(METRICS));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file(METRICS) + ": " + e.getMessage(), e);
        }
    }

    /** Drops metrics lines after {@code iteration} (those a killed run logged past its last checkpoint). */
    public void truncateMetricsAfter(long iteration) {
        List<String> keep = new ArrayList<>();
        for (JsonNode n : readMetrics(true)) {
            if (n.path("iteration").asLong() <= iteration) {
                keep.add(n.toString());
            }
        }
        writeAtomically(METRICS, (String.join("\n", keep) + (keep.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
    }
}
