package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/onednn_breakdown.py on a DNNL_VERBOSE sample: seven oneDNN calls copied from a demo and a
 * VGG16 run of bench-training (nd4j 1.0.0-M2.1, oneDNN 2.3.0), with a line of another logger among
 * them. Standard-library Python only, so it runs wherever python3 does.
 */
@Tag("host-tools")   // python3, which JDK and Maven alone do not bring
class OneDnnBreakdownScriptTest {

    private static final Path SCRIPT = ProjectPaths.root().resolve("tools").resolve("onednn_breakdown.py");

    private record Run(int code, String out) {}

    private static String sample() throws Exception {
        return Path.of(OneDnnBreakdownScriptTest.class.getResource("/bench/dnnl-verbose-sample.log").toURI()).toString();
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TorchReferenceScript.DEFAULT_PYTHON, SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void sumsEachPrimitiveShapeAndDirectionPerIteration() throws Exception {
        Run r = run("--iterations", "2", sample());
        assertThat(r.code()).as(r.out()).isZero();
        // reorders 0.184082 + 2.36304 + 0.199951 ms over 2 iterations; 3 calls
        assertThat(r.out()).contains("| reorder | - | - | 1.5 | 1.37 |");
        // two depthwise 3x3 forward calls (g16, ic16): 0.0578613 + 0.0290527 ms
        assertThat(r.out()).contains("| convolution | 3x3 depthwise | forward | 1.0 | 0.04 |");
        assertThat(r.out()).contains("| convolution | 1x1 | backward_data | 0.5 | 0.02 |");
        assertThat(r.out()).contains("| pooling_v2 | pooling_max | forward | 0.5 | 0.58 |");
        assertThat(r.out()).contains("| **all primitives** | | | 3.5 | **2.02** | 100 % |");
        assertThat(r.out()).contains("DNNL_VERBOSE=2");
    }

    @Test
    void aLogWithoutOneDnnLinesAndAMissingFileEachGetOneLineAndTheirExitCode(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.log"), "12:00 INFO nothing from oneDNN here\n");
        Run none = run("--iterations", "3", plain.toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.out().strip()).doesNotContain("\n").contains(plain.toString()).contains("DNNL_VERBOSE=1");
        Run missing = run("--iterations", "3", dir.resolve("absent.log").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.out().strip()).doesNotContain("\n").contains("absent.log");
        Run zero = run("--iterations", "0", sample());
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.out()).contains("--iterations 0");
    }
}
