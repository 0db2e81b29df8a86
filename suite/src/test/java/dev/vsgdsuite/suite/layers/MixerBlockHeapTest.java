package dev.vsgdsuite.suite.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsgdsuite.suite.kernels.MixerBlockLanes;
import org.junit.jupiter.api.Test;

/** The fused block's heap check: a batch the heap cannot hold fails before allocating, naming the fixes. */
class MixerBlockHeapTest {

    /** ConvMixer-256 on Tiny ImageNet at its experiment batch: 128 samples of 256×32×32 after the patch layer. */
    private static final MixerBlockLanes.Shape TINY_IMAGENET = new MixerBlockLanes.Shape(128, 256, 32, 32, 5);

    @Test
    void aTrainingKernelKeepsSixActivationsOnTheHeap() {
        assertThat(TINY_IMAGENET.length()).isGreaterThanOrEqualTo(128 * 256 * 32 * 32);
        assertThat(MixerBlockLanes.trainingHeapBytes(TINY_IMAGENET)).isEqualTo(6L * TINY_IMAGENET.length() * Float.BYTES);
        // eight such blocks alone fill the launcher's whole 6 GiB heap: what the check exists for
        assertThat(8 * MixerBlockLanes.trainingHeapBytes(TINY_IMAGENET)).isGreaterThanOrEqualTo(6L << 30);
    }

    @Test
    void moreThanTheHeapFailsNamingTheLayerTheBatchAndTheFixes() {
        Runtime runtime = Runtime.getRuntime();
        assertThatThrownBy(() -> MixerBlockImpl.requireHeap("block3", TINY_IMAGENET, runtime.maxMemory() + 1, runtime))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mixer block 'block3'")
                .hasMessageContaining("128x256x32x32")
                .hasMessageContaining("-Xmx")
                .hasMessageContaining("-Dsuite.mixerBlocks=layers");
    }

    @Test
    void whatTheHeapHoldsPasses() {
        assertThatCode(() -> MixerBlockImpl.requireHeap("block0", TINY_IMAGENET, 1 << 20, Runtime.getRuntime()))
                .doesNotThrowAnyException();
    }
}
