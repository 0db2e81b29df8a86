package dev.vsgdsuite.suite.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.vsgdsuite.suite.experiment.Profile;
import dev.vsgdsuite.suite.runtime.ProjectPaths;

/** Where the profiles keep their runs, and RESULTS.md over all of them. */
public final class Reports {

    private Reports() {}

    public static Path runsOf(String profile) {
        return ProjectPaths.reports().resolve("runs").resolve(profile);
    }

    public static Claims claims() {
        return Claims.read(ProjectPaths.configs().resolve("claims.yaml"));
    }

    /** Rewrites {@code reports/RESULTS.md} from every profile's runs that exist; returns its path. */
    public static Path writeResults(String command) {
        StringBuilder all = new StringBuilder("# VSGD reproduction results\n\n");
        all.append("Every number below is computed from the run folders under `reports/runs/` by the code ")
                .append("(`dev.vsgdsuite.suite.report`); the commands that made them are named per section.\n");
        Claims claims = claims();
        List<String> empty = new ArrayList<>();
        // the profiles of configs/profiles.yaml (the smoke pipeline checks on fixtures keep their runs elsewhere)
        for (Profile p : Profile.all()) {
            String profile = p.name();
            List<RunRecord> runs = RunRecord.under(runsOf(profile));
            if (runs.isEmpty()) {
                empty.add(profile);
                continue;
            }
            String section = ResultsMarkdown.render("Profile `" + profile + "`", p.command() != null ? p.command() : command,
                    runs, claims);
            all.append("\n").append(section.replaceFirst("^# ", "## ").replace("\n## ", "\n### "));
        }
        if (!empty.isEmpty()) {
            all.append("\nNo runs yet for: ").append(String.join(", ", empty)).append(".\n");
        }
        Path file = ProjectPaths.reports().resolve("RESULTS.md");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, all.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
