package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The peak resident memory read from /proc/self/status. */
class ResidentMemoryTest {

    @Test
    void theHighWaterMarkIsVmHwmInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t  100000 kB\n";
        assertThat(ResidentMemory.highWaterMark(status)).hasValue(123456L * 1024);
        assertThat(ResidentMemory.highWaterMark("Name:\tjava\nVmRSS:\t 1 kB\n")).isEmpty();
        assertThat(ResidentMemory.highWaterMark("VmHWM:\t lots kB\n")).isEmpty();
    }

    @Test
    void onLinuxThisProcessHasAPeakAtLeastItsHeapInUse() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "not Linux: no /proc/self/status");
        Runtime rt = Runtime.getRuntime();
        long heapInUse = rt.totalMemory() - rt.freeMemory();
        assertThat(ResidentMemory.peakBytes()).isPresent();
        assertThat(ResidentMemory.peakBytes().getAsLong()).isGreaterThan(heapInUse / 4);
    }
}
