package dev.vsgdsuite.suite.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.bench.BenchSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "bench-report", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Summarise a JMH JSON result as a Markdown table.",
        description = {
        "Summarise a JMH result (java -jar suite/target/vsgd-suite-benchmarks.jar ... -rf json -rff FILE)",
        "as a Markdown table: time per operation, GB/s for UpdaterStep, and the ratio to Adam in the same run."})
final class BenchReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "JMH JSON result file")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; give the JSON file JMH wrote (-rf json -rff FILE)");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "no such file; give the JSON file JMH wrote (-rf json -rff FILE)");
        }
        System.out.print(BenchSummary.markdown(BenchSummary.read(file)));
        return 0;
    }
}
