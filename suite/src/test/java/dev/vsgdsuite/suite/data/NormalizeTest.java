package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalizeTest {

    @Test
    void subtractsTheChannelMeanAndDividesByTheChannelStd() {
        float[] img = {0f, 0.5f, 1f, 0f, 0.5f, 1f, 0f, 0.5f, 1f}; // 3 channels of 1x3
        float[] out = new Normalize(Pipeline.CIFAR100_MEAN, Pipeline.CIFAR100_STD).apply(img, 3, 1, 3, null);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 3; i++) {
                double x = 0.5 * i;
                assertThat(out[c * 3 + i]).isCloseTo((float) ((x - Pipeline.CIFAR100_MEAN[c]) / Pipeline.CIFAR100_STD[c]),
                        within(1e-6f));
            }
        }
        assertThat(out[0]).isCloseTo(-0.5071f / 0.2675f, within(1e-6f));
        assertThat(out[8]).isCloseTo((1 - 0.4408f) / 0.2761f, within(1e-6f));
    }

    @Test
    void aChannelCountMismatchAndAZeroStdAreRejected() {
        Normalize grey = new Normalize(new double[] {0.286}, new double[] {0.353});
        assertThatThrownBy(() -> grey.apply(new float[3], 3, 1, 1, null)).hasMessageContaining("is for 1 channels");
        assertThatThrownBy(() -> new Normalize(new double[] {0}, new double[] {0})).hasMessageContaining("std must be > 0");
    }
}
