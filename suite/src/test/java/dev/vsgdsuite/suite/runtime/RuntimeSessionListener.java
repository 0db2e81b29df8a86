package dev.vsgdsuite.suite.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Every test JVM of the suite runs with the runtime of a real run (oneDNN helpers on, logged once),
 * and starts from an empty Allure results folder, so the report shows this test run only
 * ({@code -Dsuite.allure.keep=true} keeps earlier results, e.g. to merge shards).
 */
public class RuntimeSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Dl4jRuntime.init();
        String results = System.getProperty("allure.results.directory");
        if (results != null && !SuiteSwitches.ALLURE_KEEP.is("true")) {
            Path dir = Path.of(results);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir)) {
                            Files.delete(p);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot empty the Allure results folder " + dir, e);
                }
            }
        }
    }
}
