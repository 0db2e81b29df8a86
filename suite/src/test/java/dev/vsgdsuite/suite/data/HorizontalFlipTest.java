package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class HorizontalFlipTest {

    @Test
    void flipReversesEveryRowOfEveryChannel() {
        float[] img = RandomCropTest.ramp(2, 3);
        float[] out = HorizontalFlip.flip(img.clone(), 2, 3, 3);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    assertThat(out[c * 9 + y * 3 + x]).isEqualTo(img[c * 9 + y * 3 + (2 - x)]);
                }
            }
        }
        assertThat(HorizontalFlip.flip(out, 2, 3, 3)).containsExactly(img);
    }

    @Test
    void flipsWithTheGivenProbability() {
        float[] img = RandomCropTest.ramp(1, 4);
        float[] flipped = HorizontalFlip.flip(img.clone(), 1, 4, 4);
        int flips = 0;
        for (int s = 0; s < 1000; s++) {
            float[] out = new HorizontalFlip(0.5).apply(img.clone(), 1, 4, 4, new SplittableRandom(s));
            flips += java.util.Arrays.equals(out, flipped) ? 1 : 0;
            assertThat(new HorizontalFlip(0).apply(img.clone(), 1, 4, 4, new SplittableRandom(s))).containsExactly(img);
            assertThat(new HorizontalFlip(1).apply(img.clone(), 1, 4, 4, new SplittableRandom(s)))
                    .containsExactly(flipped);
        }
        assertThat(flips).isBetween(430, 570);
    }
}
