package dev.vsgdsuite.suite.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.data.DatasetArchive;
import dev.vsgdsuite.suite.data.DatasetCheck;
import dev.vsgdsuite.suite.data.DatasetFetch;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "data", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Fetch the paper's datasets into data/, verified against their published checksums, and check them.",
        description = {"Fetch the paper's datasets into data/, verified against their published checksums, and check "
                + "them:", "  data fetch cifar100|tiny_imagenet [--from FILE_OR_URL]", "  data verify"},
        subcommands = {DataCommand.Fetch.class, DataCommand.Verify.class})
final class DataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "data needs a subcommand: data fetch DATASET or data verify");
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            header = "Download (or take) a dataset's official archive, check it, unpack it into data/NAME/.",
            description = {"Download a dataset's official archive from its publisher (or take --from), check its size "
                    + "and checksums against the published values, unpack it into a temporary folder and move that "
                    + "into data/NAME/. A dataset already fetched and verified is not fetched again.",
                    "  cifar100       cifar-100-binary.tar.gz (University of Toronto; MD5, SHA-256)",
                    "  tiny_imagenet  tiny-imagenet-200.zip (Stanford CS231n; MD5)"},
            footer = {"", "Exit codes:",
                    "  0  fetched, or already there and verified",
                    "  1  a wrong checksum or size, a truncated or damaged archive, a failed download, a folder in the "
                            + "way (the line names the file and the fix)",
                    "  2  bad usage (unknown dataset or option)"})
    static final class Fetch implements Callable<Integer> {

        @Parameters(paramLabel = "DATASET", description = "cifar100 or tiny_imagenet.")
        String dataset;

        @Option(names = "--from", paramLabel = "FILE_OR_URL",
                description = "A local copy of the archive, or another http(s) URL (a mirror) to download it from.")
        String from;

        @Option(names = "--checksum", paramLabel = "md5:HEX|sha256:HEX",
                description = "Check this checksum instead of the published ones (a mirror's repacked archive you "
                        + "trust); the counts are then only reported, not required.")
        String checksum;

        @Option(names = "--force", description = "Fetch even when the dataset is in place; replace a folder that is not "
                + "a complete dataset.")
        boolean force;

        @Option(names = "--data", paramLabel = "DIR", description = "The data folder (default: data/ of the project).")
        Path data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            DatasetArchive archive;
            DatasetArchive.Digest given;
            try {
                archive = DatasetArchive.named(dataset);
                given = checksum == null ? null : DatasetArchive.Digest.parse(checksum);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Path root = data != null ? data : ProjectPaths.data();
            DatasetFetch.Outcome outcome = new DatasetFetch(root, System.err).fetch(archive, from, given, force);
            spec.commandLine().getOut().println(outcome.message());
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            header = "Check that data/ holds each paper dataset complete, with the official counts.",
            description = {"Check that data/ holds each paper dataset complete: its files present, the records or "
                    + "images per class and split of the official set. Says what is missing and the command that "
                    + "fetches it."},
            footer = {"", "Exit codes:", "  0  every dataset checked is complete",
                    "  1  a dataset is missing or incomplete (the lines name it and the command that fetches it)",
                    "  2  bad usage (unknown dataset or option)"})
    static final class Verify implements Callable<Integer> {

        @Parameters(paramLabel = "DATASET", arity = "0..*",
                description = "cifar100, tiny_imagenet (default: both).")
        List<String> datasets;

        @Option(names = "--data", paramLabel = "DIR", description = "The data folder (default: data/ of the project).")
        Path data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<DatasetArchive> archives = new ArrayList<>();
            try {
                for (String name : datasets == null || datasets.isEmpty() ? List.<String>of() : datasets) {
                    archives.add(DatasetArchive.named(name));
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (archives.isEmpty()) {
                archives.addAll(DatasetArchive.ALL);
            }
            Path root = (data != null ? data : ProjectPaths.data()).toAbsolutePath().normalize();
            PrintWriter out = spec.commandLine().getOut();
            List<String> notReady = new ArrayList<>();
            for (DatasetArchive archive : archives) {
                Path folder = root.resolve(archive.dataset().id());
                DatasetCheck.Report report = DatasetCheck.check(archive, folder);
                DatasetFetch.FetchRecord record = DatasetFetch.readRecord(folder);
                String provenance = record == null ? "not fetched by data fetch"
                        : "fetched from " + record.source() + ", " + DatasetFetch.describe(record);
                String line = switch (report.status()) {
                    case OK -> report.folder() + ": " + report.contents() + "; " + provenance;
                    case INCOMPLETE -> report.folder() + ": " + report.problemLine() + "; " + provenance
                            + "; fetch it again: " + archive.fetchCommand() + " --force";
                    case MISSING -> report.problemLine() + "; fetch it: " + archive.fetchCommand();
                };
                out.printf(Locale.ROOT, "%-14s %-10s %s%n", archive.dataset().id(),
                        report.status().name().toLowerCase(Locale.ROOT), line);
                if (report.status() != DatasetCheck.Status.OK) {
                    notReady.add(archive.dataset().id() + " " + report.status().name().toLowerCase(Locale.ROOT) + " ("
                            + archive.fetchCommand() + (report.status() == DatasetCheck.Status.INCOMPLETE ? " --force" : "")
                            + ")");
                }
            }
            out.flush();
            if (notReady.isEmpty()) {
                return ExitCode.DONE.code();
            }
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + notReady.size() + " of " + archives.size()
                    + " datasets not ready: " + String.join(", ", notReady));
            spec.commandLine().getErr().flush();
            return ExitCode.BAD_INPUT.code();
        }
    }
}
