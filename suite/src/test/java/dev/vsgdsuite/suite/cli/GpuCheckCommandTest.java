package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * gpu-check on a machine without a GPU (every test machine here): it says so, still replays the
 * golden trajectories and trains on the CPU backend, and its exit code follows what it found.
 */
class GpuCheckCommandTest {

    @Test
    void withoutAGpuItSaysSoAndRunsWhatItCanOnTheCpu() {
        Cli.Outcome o = Cli.run("gpu-check", "--models", "cifar100_convmixer", "--warmup", "0", "--iterations", "1",
                "--batch-size", "2");

        assertThat(o.out()).contains("backend      CPU").contains("gpu          none")
                .contains("cuda driver  not in this build (build with -Pcuda)").contains("libcuda      ")
                .contains("NO GPU: nd4j runs on its CPU backend")
                .contains("vsgd-golden-defaults.json: defaults (vsgd, open loop, 16 parameters, 40 steps) [kernel ")
                .contains("[kernel ND4J_OPS]")
                .contains("baselines-golden.json: quadratic_sgd_momentum")
                .containsPattern("cifar100_convmixer\\s+convmixer_256_8_k5_p2\\s+2\\s+\\d+\\.\\d");
        boolean anyOff = o.out().lines().anyMatch(l -> l.startsWith("  OFF "));
        assertThat(o.code()).as(o.out()).isEqualTo(anyOff ? ExitCodes.CHECK_FAILED : ExitCodes.DONE);
        assertThat(o.out()).contains(anyOff ? "gpu-check: FAILED" : "gpu-check: passed");
    }

    @Test
    void requireGpuFailsWithoutOne() {
        Cli.Outcome o = Cli.run("gpu-check", "--require-gpu", "--models=");

        assertThat(o.code()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(o.out()).contains("  no GPU (--require-gpu)").doesNotContain("Training iterations");
        assertThat(o.errLines()).isEqualTo(1);
        assertThat(o.err()).startsWith("vsgd-suite gpu-check: ").contains("check(s) failed: no GPU (--require-gpu)");
    }

    @Test
    void anUnknownModelIsAUsageError() {
        Cli.Outcome o = Cli.run("gpu-check", "--models", "imagenet_vit");

        assertThat(o.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err()).contains("--models imagenet_vit is not a paper experiment");
    }
}
