package dev.vsgdsuite.suite.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which compute capabilities nd4j-cuda-11.6's kernels run on: same major version, minor at least one compiled. */
class CudaArchitecturesTest {

    @ParameterizedTest(name = "{0}.{1}: {2}")
    @CsvSource({"3,7,true", "3,5,false", "2,1,false", "5,0,true", "5,3,true", "6,2,true", "7,0,true", "7,2,true",
            "7,5,true", "8,0,true", "8,6,true", "8,9,true", "9,0,false", "10,0,false", "12,0,false"})
    void aDeviceRunsTheKernelsOfItsMajorVersion(int major, int minor, boolean runs) {
        assertThat(CudaArchitectures.supports(major, minor)).isEqualTo(runs);
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"9,0", "12,0"})
    void theRefusalNamesTheLimitAndWhatWouldLiftIt(int major, int minor) {
        assertThat(CudaArchitectures.refusal(major, minor))
                .startsWith("compute capability " + major + "." + minor + " is not supported by nd4j-cuda-11.6 1.0.0-M2.1")
                .contains("3.7 to 8.6 only and no PTX").contains("CUDA 12 build compiled for sm_" + major + minor)
                .doesNotContain("\n");
    }
}
