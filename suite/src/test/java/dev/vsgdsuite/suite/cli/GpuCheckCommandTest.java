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
        // Every baseline the configs build is torch-exact, so every golden trajectory replays here.
        assertThat(o.out().lines().filter(l -> l.startsWith("  OFF "))).as(o.out()).isEmpty();
        assertThat(o.out()).contains("baselines-golden.json: adam_defaults").contains("baselines-golden.json: adamw_decay")
                .contains("gpu-check: passed");
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.DONE);
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
