package dev.vsgdsuite.suite.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * fixtures/gpu-check-reference.json is what the emulated CUDA path computes now: one network is
 * recomputed on every test run and must match the file exactly (the CPU is deterministic), so a
 * change to a layer or an optimizer that moves the reference fails here until the file is written again.
 */
@Tag("emulated-cuda")
class GpuCheckReferenceTest {

    @Test
    void theReferenceIsWhatTheEmulatedPathComputesNow() {
        CheckReference reference = CheckReference.read(ProjectPaths.fixtures().resolve(CheckReference.FILE));
        assertThat(reference.provenance()).containsEntry("path", "cuda-emulated");
        assertThat(reference.batchSize()).isEqualTo(NetworkCheck.BATCH);
        assertThat(reference.iterations()).isEqualTo(NetworkCheck.ITERATIONS);
        assertThat(reference.networks().keySet()).contains("cifar100_vgg", "cifar100_convmixer", "cifar100_resnext",
                "tiny_imagenet_vgg", "tiny_imagenet_convmixer", "tiny_imagenet_resnext");

        NetworkCheck now = NetworkCheck.run("cifar100_convmixer");
        CheckReference.Network ref = reference.networks().get("cifar100_convmixer");
        assertThat(now.error()).isNull();
        assertThat(now.asReference()).as("write it again: VSGD_JAVA_OPTS=\"-Xmx6g -Dvsgd.emulateCuda=true\" "
                + "./vsgd-suite gpu-check --write-reference").isEqualTo(ref);
    }
}
