package dev.vsgdsuite.suite.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the project's folders are: {@code fixtures/}, {@code configs/}, {@code data/}, {@code reports/}.
 * The root is {@code -Dsuite.root=DIR} when given (the build sets it for tests), else the nearest
 * folder at or above the working directory that holds both {@code pom.xml} and {@code fixtures/}.
 */
public final class ProjectPaths {

    public static final String ROOT_PROPERTY = SuiteSwitches.ROOT.name();

    private ProjectPaths() {}

    public static Path root() {
        String explicit = System.getProperty(ROOT_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path p = Paths.get(explicit).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException("-D" + ROOT_PROPERTY + "=" + explicit + " is not a folder");
            }
            return p;
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("fixtures"))) {
                return d;
            }
        }
        throw new IllegalStateException("Cannot find the vsgd-suite project folder (with pom.xml and fixtures/) at or "
                + "above " + dir + ": run from inside the project, or pass -D" + ROOT_PROPERTY + "=/path/to/project");
    }

    public static Path fixtures() {
        return root().resolve("fixtures");
    }

    public static Path configs() {
        return root().resolve("configs");
    }

    public static Path data() {
        return root().resolve("data");
    }

    public static Path reports() {
        return root().resolve("reports");
    }
}
