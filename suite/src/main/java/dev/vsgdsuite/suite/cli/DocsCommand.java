package dev.vsgdsuite.suite.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.runtime.ProjectPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "docs", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Rewrites the parts of docs/ rendered from code (optimizer keys, switches, exit codes).")
final class DocsCommand implements Callable<Integer> {

    @Option(names = "--check", description = "Write nothing; exit 6 when a rendered part is stale.")
    boolean check;

    @Override
    public Integer call() {
        if (check) {
            List<String> stale = RenderedDocs.stale(ProjectPaths.root());
            stale.forEach(s -> System.out.println("stale: " + s));
            System.out.println(stale.isEmpty() ? "every rendered part of the docs is current" : "run ./vsgd-suite docs");
            return stale.isEmpty() ? ExitCode.DONE.code() : ExitCode.CHECK_FAILED.code();
        }
        List<String> written = RenderedDocs.write(ProjectPaths.root());
        System.out.println(written.isEmpty() ? "every rendered part of the docs is current" : "wrote " + String.join(", ", written));
        return ExitCode.DONE.code();
    }
}
