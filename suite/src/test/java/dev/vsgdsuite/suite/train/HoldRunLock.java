package dev.vsgdsuite.suite.train;

import java.nio.file.Path;

/** A child process for {@link RunLockTest}: locks the run folder {@code args[0]}, says so, holds it until stdin closes. */
public final class HoldRunLock {

    private HoldRunLock() {}

    public static void main(String[] args) throws Exception {
        try (RunDirectory.Lease lock = new RunDirectory(Path.of(args[0])).lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
