package dev.vsgdsuite.suite.cli;

import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.report.Reports;
import picocli.CommandLine.Command;

@Command(name = "report", description = "Regenerate reports/RESULTS.md from the runs under reports/runs/.")
final class ReportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println(Reports.writeResults("vsgd-suite report"));
        return 0;
    }
}
