package dev.vsgdsuite.suite.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.runtime.ProjectPaths;

/** A copy of the project's {@code configs/} folder, for tests that change a config file. */
public final class ProjectConfigsCopy {

    private ProjectConfigsCopy() {}

    /** Copies {@code configs/} into {@code dir/configs} and returns that folder. */
    public static Path into(Path dir) throws IOException {
        Path source = ProjectPaths.configs();
        Path copy = dir.resolve("configs");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }
}
