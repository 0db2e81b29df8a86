package dev.vsgdsuite.suite.train;

import java.nio.file.Path;

/**
 * Another process (or another run in this one) is training in the run folder. Bad input, like a
 * config error: the message names the folder, the holder and what to do.
 */
public final class RunFolderLockedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    RunFolderLockedException(Path dir, String holder) {
        super(dir + " is in use by another run (" + holder + "); wait for it to finish or stop it, then resume= again");
    }
}
