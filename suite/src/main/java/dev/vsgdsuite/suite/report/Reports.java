package dev.vsgdsuite.suite.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vsgdsuite.suite.experiment.Profile;
import dev.vsgdsuite.suite.runtime.AtomicFiles;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import dev.vsgdsuite.suite.train.Json;

/** Where the profiles keep their runs, and RESULTS.md and results.json over all of them. */
public final class Reports {

    public static final String MARKDOWN = "RESULTS.md";
    public static final String JSON = "results.json";

    private Reports() {}

    public static Path runsOf(String profile) {
        return ProjectPaths.reports().resolve("runs").resolve(profile);
    }

    public static Claims claims() {
        return Claims.read(claimsFile());
    }

    /** The sequential design declared in configs/claims.yaml (docs/PROTOCOL.md §4.4). */
    public static dev.vsgdsuite.suite.verdict.SequentialDesign sequentialDesign() {
        return dev.vsgdsuite.suite.verdict.SequentialDesign.read(claimsFile());
    }

    private static Path claimsFile() {
        return ProjectPaths.configs().resolve("claims.yaml");
    }

    /** One section of the results: a name, the folder holding its run folders, the command that made them. */
    public record Section(String name, Path runs, String command) {}

    /** The sections of the profiles of configs/profiles.yaml, each over its folder under reports/runs/. */
    public static List<Section> profileSections() {
        List<Section> sections = new ArrayList<>();
        // the smoke pipeline checks on fixtures keep their runs elsewhere: they are not compared
        for (Profile p : Profile.all()) {
            sections.add(new Section(p.name(), runsOf(p.name()), p.command() + changedBy()));
        }
        return sections;
    }

    /** The system properties of this JVM that change what a profile runs, as they were given. */
    private static String changedBy() {
        StringBuilder sb = new StringBuilder();
        for (dev.vsgdsuite.vsgd.Switch s : List.of(SuiteSwitches.SEEDS, SuiteSwitches.LR, SuiteSwitches.SHARD)) {
            String property = s.name();
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                sb.append(" -D").append(property).append('=').append(value);
            }
        }
        return sb.toString();
    }

    /** Rewrites {@code reports/RESULTS.md} and {@code reports/results.json} from every profile's runs. */
    public static Path writeResults() {
        return write(profileSections(), claims(), ProjectPaths.reports());
    }

    /** Writes both files into {@code out} from the runs of each section; returns {@code out}. */
    public static Path write(List<Section> sections, Claims claims, Path out) {
        StringBuilder md = new StringBuilder("# VSGD reproduction results\n\n");
        md.append("Every number below is computed from the run folders under `reports/runs/` by the code ")
                .append("(`dev.vsgdsuite.suite.report`); the commands that made them are named per section. ")
                .append("`results.json` beside this file holds the same outcome for other tools.\n");
        Map<String, RunRecord.Scan> runsByProfile = new LinkedHashMap<>();
        Map<String, SequentialPlan> plans = new LinkedHashMap<>();
        List<String> empty = new ArrayList<>();
        for (Section section : sections) {
            RunRecord.Scan scan = RunRecord.scan(section.runs());
            if (scan.isEmpty()) {
                empty.add(section.name());
                continue;
            }
            runsByProfile.put(section.name(), scan);
            SequentialPlan plan = SequentialPlan.readIfPresent(section.runs());
            if (plan != null) {
                plans.put(section.name(), plan);
            }
            String text = ResultsMarkdown.render("Profile `" + section.name() + "`", section.command(), scan.runs(),
                    claims, plan) + perSeedPlots(section.name(), scan.runs(), claims, out)
                    + ResultsMarkdown.skipped(scan.broken());
            md.append("\n").append(text.replaceFirst("^# ", "## ").replace("\n## ", "\n### "));
        }
        if (!empty.isEmpty()) {
            md.append("\nNo runs yet for: ").append(String.join(", ", empty)).append(".\n");
        }
        try {
            writeAtomically(out.resolve(MARKDOWN), md.toString());
            writeAtomically(out.resolve(JSON), Json.PRETTY.writeValueAsString(ResultsJson.of(runsByProfile, claims, plans)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results into " + out + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Writes each experiment's per-seed plot beside RESULTS.md; returns the Markdown that shows them. */
    private static String perSeedPlots(String profile, List<RunRecord> runs, Claims claims, Path out) {
        StringBuilder md = new StringBuilder();
        for (String experiment : runs.stream().map(RunRecord::experiment).distinct().toList()) {
            String name = "per-seed-" + profile + "-" + experiment + ".png";
            AtomicFiles.write(out.resolve(name), Charts.perSeed(ClaimCheck.check(experiment, runs, claims)));
            md.append("\n![").append(experiment).append(": final test accuracy per seed](").append(name).append(")\n");
        }
        return md.toString();
    }

    private static void writeAtomically(Path file, String text) {
        AtomicFiles.write(file, text);
    }
}
