package dev.vsgdsuite.suite.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.report.Reports;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Rebuild reports/RESULTS.md and reports/results.json from run folders alone.",
        description = {
        "Rebuild reports/RESULTS.md and reports/results.json from run folders alone:",
        "by default every profile's folder under reports/runs/; with --runs, the folders given (one section each)."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--runs", paramLabel = "DIR", converter = FolderPath.class, description = "A folder of run folders; repeat for several.")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "DIR", converter = FolderPath.class, description = "Where to write the two files (default: reports/).")
    Path out;

    @Override
    public Integer call() {
        List<Reports.Section> sections = new ArrayList<>();
        if (runs == null || runs.isEmpty()) {
            sections.addAll(Reports.profileSections());
        } else {
            for (Path dir : runs) {
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("--runs " + dir + ": no such folder; give a folder holding run "
                            + "folders (e.g. reports/runs/demo)");
                }
                sections.add(new Reports.Section(dir.toAbsolutePath().normalize().getFileName().toString(), dir,
                        "vsgd-suite report --runs " + dir));
            }
        }
        Path written = Reports.write(sections, Reports.claims(), out != null ? out : ProjectPaths.reports());
        System.out.println(written.resolve(Reports.MARKDOWN));
        System.out.println(written.resolve(Reports.JSON));
        return 0;
    }
}
