package dev.vsgdsuite.suite.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import dev.vsgdsuite.suite.runtime.ProjectPaths;

/**
 * The Allure results folder's shared files: {@code environment.properties} (backend, oneDNN, CPU/GPU,
 * DL4J version, commit) and {@code categories.json}, which sorts failures by their message prefix:
 * claim contradicted, claim inconclusive, published value missed; and a run that threw as broken.
 */
final class Environment {

    private Environment() {}

    static String commit() {
        try {
            Process p = new ProcessBuilder("git", "-C", ProjectPaths.root().toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Writes both files into the Allure results folder, if the build set one. */
    static void writeAllureFiles() throws IOException {
        String dir = System.getProperty("allure.results.directory");
        if (dir == null) {
            return;
        }
        Path results = Path.of(dir);
        Files.createDirectories(results);
        StringBuilder env = new StringBuilder();
        for (Map.Entry<String, Object> e : Dl4jRuntime.init().asMap().entrySet()) {
            env.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        env.append("commit=").append(commit()).append('\n');
        env.append("profile=").append(System.getProperty("suite.profile", "?")).append('\n');
        Files.writeString(results.resolve("environment.properties"), env);
        Files.writeString(results.resolve("categories.json"), """
                [
                  {"name": "Claim contradicted", "matchedStatuses": ["failed"], "messageRegex": "(?s).*CLAIM CONTRADICTED.*"},
                  {"name": "Claim inconclusive", "matchedStatuses": ["failed"], "messageRegex": "(?s).*CLAIM INCONCLUSIVE.*"},
                  {"name": "Claim equivalent", "matchedStatuses": ["failed"], "messageRegex": "(?s).*CLAIM EQUIVALENT.*"},
                  {"name": "Published value missed", "matchedStatuses": ["failed"], "messageRegex": "(?s).*PUBLISHED VALUE MISSED.*"},
                  {"name": "Run broken", "matchedStatuses": ["broken"]},
                  {"name": "Run failed a check", "matchedStatuses": ["failed"]}
                ]
                """);
    }
}
