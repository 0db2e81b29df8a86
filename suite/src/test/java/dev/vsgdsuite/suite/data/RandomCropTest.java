package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RandomCropTest {

    /** 2 channels of 6x6 with value 1 + c*100 + y*6 + x, so no value is 0. */
    static float[] ramp(int channels, int side) {
        float[] img = new float[channels * side * side];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < side * side; i++) {
                img[c * side * side + i] = 1 + c * 100 + i;
            }
        }
        return img;
    }

    @Test
    void offsetZeroShiftsTheImageDownAndRightByThePaddingWithZeros() {
        float[] img = ramp(2, 6);
        float[] out = RandomCrop.crop(img, 2, 6, 6, 4, 0, 0);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    float expected = (y >= 4 && x >= 4) ? img[c * 36 + (y - 4) * 6 + (x - 4)] : 0f;
                    assertThat(out[c * 36 + y * 6 + x]).as("c%d y%d x%d", c, y, x).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void offsetEqualToThePaddingIsTheIdentityAndTwicePaddingShiftsUpAndLeft() {
        float[] img = ramp(1, 6);
        assertThat(RandomCrop.crop(img, 1, 6, 6, 4, 4, 4)).containsExactly(img);
        float[] out = RandomCrop.crop(img, 1, 6, 6, 1, 2, 0); // down by -1 rows, right by +1 column
        assertThat(out[0]).isEqualTo(0f);           // column 0 uncovered
        assertThat(out[1]).isEqualTo(img[6]);       // row 0 col 1 <- row 1 col 0
        assertThat(out[5 * 6 + 3]).isEqualTo(0f);   // last row uncovered
    }

    @Test
    void randomOffsetsCoverZeroToTwicePaddingAndComeFromTheGenerator() {
        RandomCrop crop = new RandomCrop(4);
        float[] img = ramp(1, 6);
        Set<Integer> tops = new HashSet<>();
        for (int s = 0; s < 400; s++) {
            float[] out = crop.apply(img.clone(), 1, 6, 6, new SplittableRandom(s));
            SplittableRandom replay = new SplittableRandom(s);
            int top = replay.nextInt(9);
            int left = replay.nextInt(9);
            assertThat(out).containsExactly(RandomCrop.crop(img, 1, 6, 6, 4, top, left));
            tops.add(top);
        }
        assertThat(tops).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8);
    }
}
