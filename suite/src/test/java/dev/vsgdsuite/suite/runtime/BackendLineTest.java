package dev.vsgdsuite.suite.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsgdsuite.suite.runtime.RuntimeInfo;
import org.junit.jupiter.api.Test;

/** The line {@code run} starts with: the backend, and a -Pcuda jar that fell back to the CPU says so. */
class BackendLineTest {

    static final RuntimeInfo CPU = new RuntimeInfo("CPU", "linux-x86_64", "nd4j-native", "1.0.0-M2.1", false, false, 2,
            null, 2, "Xeon", null, "FLOAT", "cpu");

    @Test
    void aCpuBuildOnTheCpuNamesItsBackend() {
        assertThat(Dl4jRuntime.backendLine(CPU, "nd4j-native")).startsWith("backend: nd4j 1.0.0-M2.1 backend CPU (nd4j-native")
                .doesNotContain("NOTE");
    }

    @Test
    void aCudaBuildOnTheCpuSaysItRunsOnTheCpu() {
        assertThat(Dl4jRuntime.backendLine(CPU, "nd4j-cuda-11.6")).contains(" -- NOTE: this jar was built with -Pcuda but "
                + "nd4j started its CPU backend, so this runs on the CPU");
        RuntimeInfo cuda = new RuntimeInfo("CUDA", "linux-x86_64", "nd4j-cuda-11.6", "1.0.0-M2.1", false, true, 1, null, 8,
                "Xeon", "A100", "FLOAT", "cuda");
        assertThat(Dl4jRuntime.backendLine(cuda, "nd4j-cuda-11.6")).doesNotContain("NOTE").contains("GPU A100");
    }
}
