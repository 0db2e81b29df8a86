package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * gpu-check on a machine without a GPU (every test machine here): it says so, and runs every check on
 * the CPU backend: the golden replays, a paper network against the emulated CUDA path's reference, the
 * trainer loop and a checkpoint, and the optimizers side by side; its exit code follows what it found.
 * The comparisons' failures are tested in NetworkCheckTest and CudaArchitecturesTest.
 */
class GpuCheckCommandTest {

    @Test
    void withoutAGpuItSaysSoAndRunsEveryCheckOnTheCpu() {
        Cli.Outcome o = Cli.run("gpu-check", "--models", "cifar100_convmixer", "--warmup", "0", "--iterations", "1",
                "--batch-size", "2");

        assertThat(o.out()).contains("backend      CPU").contains("gpu          none")
                .contains("cuda driver  not in this build (build with -Pcuda)").contains("libcuda      ")
                .contains("NO GPU: nd4j runs on its CPU backend")
                .contains("vsgd-golden-defaults.json: defaults (vsgd, open loop, 16 parameters, 40 steps) [Vsgd, kernel ")
                .contains("[Vsgd, kernel ND4J_OPS]")
                .contains("baselines-golden.json: quadratic_sgd_momentum")
                .contains("Networks against the CPU's emulated CUDA path (gpu-check-reference.json, batch 8")
                .containsPattern("  ok   cifar100_convmixer\\s+convmixer_256_8_k5_p2\\s+worst loss difference")
                .contains("trainer loop: 6 iterations on the CIFAR-100 fixture, checkpoint written")
                .contains("checkpoint: convmixer_256_8_k5_p2 (VSGD) saved after 2 iterations, restored, 2 more: "
                        + "parameters bit-identical, optimizer state bit-identical")
                .containsPattern("cifar100_convmixer\\s+convmixer_256_8_k5_p2\\s+sgd\\s+2\\s+\\d+\\.\\d")
                .containsPattern("cifar100_convmixer\\s+convmixer_256_8_k5_p2\\s+adam\\s+2\\s+\\d+\\.\\d")
                .containsPattern("cifar100_convmixer\\s+convmixer_256_8_k5_p2\\s+vsgd\\s+2\\s+\\d+\\.\\d")
                .containsPattern("cifar100_convmixer\\s+VSGD/Adam \\d+\\.\\d\\dx, Adam/SGD \\d+\\.\\d\\dx");
        // Every baseline the configs build is torch-exact, so every golden trajectory replays here.
        assertThat(o.out().lines().filter(l -> l.startsWith("  OFF "))).as(o.out()).isEmpty();
        assertThat(o.out()).contains("baselines-golden.json: adam_defaults").contains("baselines-golden.json: adamw_decay")
                .contains("gpu-check: passed");
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCode.DONE.code());
    }

    @Test
    void requireGpuFailsWithoutOne() {
        Cli.Outcome o = Cli.run("gpu-check", "--require-gpu", "--models=");

        assertThat(o.code()).isEqualTo(ExitCode.CHECK_FAILED.code());
        assertThat(o.out()).contains("  no GPU (--require-gpu)").doesNotContain("Training iterations");
        assertThat(o.errLines()).isEqualTo(1);
        assertThat(o.err()).startsWith("vsgd-suite gpu-check: ").contains("check(s) failed: no GPU (--require-gpu)");
    }

    @Test
    void theReferenceIsWrittenOnlyFromTheEmulatedPath() {
        Cli.Outcome o = Cli.run("gpu-check", "--write-reference");

        assertThat(o.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(o.err()).contains("--write-reference records the CPU's emulated CUDA path")
                .contains("-Dvsgd.emulateCuda=true");
    }

    @Test
    void anUnknownModelIsAUsageError() {
        Cli.Outcome o = Cli.run("gpu-check", "--models", "imagenet_vit");

        assertThat(o.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(o.err()).contains("--models imagenet_vit is not a paper experiment");
    }
}
