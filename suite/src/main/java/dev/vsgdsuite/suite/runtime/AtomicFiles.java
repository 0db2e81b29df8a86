package dev.vsgdsuite.suite.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Files replaced whole or not at all, by writers that may run at once: each write goes to a temporary
 * file of its own in the target's folder (so two writers never share one) and is renamed over the
 * target; and a read-modify-write of a shared file ({@link #locked}) holds an exclusive lock, across
 * processes (a lock file beside it) and across threads of one JVM.
 */
public final class AtomicFiles {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private AtomicFiles() {}

    /** Writes {@code bytes} to {@code file} through a temporary file of this write's own, then a rename. */
    public static void write(Path file, byte[] bytes) {
        Path folder = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** {@link #write(Path, byte[])} of UTF-8 text. */
    public static void write(Path file, String text) {
        write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code work} (a read, a change and a write of {@code file}) while holding {@code file}'s
     * lock: other processes wait on {@code .FILE.lock} beside it, other threads on an in-process lock.
     */
    public static <T> T locked(Path file, Supplier<T> work) {
        Path absolute = file.toAbsolutePath().normalize();
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(absolute, p -> new ReentrantLock());
        threads.lock();
        try {
            Files.createDirectories(absolute.getParent());
            Path lockFile = absolute.resolveSibling("." + absolute.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                return work.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + file + ": " + e.getMessage(), e);
        } finally {
            threads.unlock();
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the write's own error is the one to report
            }
        }
    }
}
