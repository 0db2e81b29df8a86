package dev.vsgdsuite.suite.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;


/** The project's current commit, for provenance: what produced a tuned learning rate. */
public final class GitCommit {

    private GitCommit() {}

    /** The short commit id, with "+modified" when the working tree differs from it; "unknown" outside git. */
    public static String current() {
        String id = git("rev-parse", "--short", "HEAD");
        if (id == null || id.isBlank()) {
            return "unknown (not a git checkout)";
        }
        String status = git("status", "--porcelain", "--untracked-files=no");
        return id.strip() + (status != null && !status.isBlank() ? "+modified" : "");
    }

    private static String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).directory(ProjectPaths.root().toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
