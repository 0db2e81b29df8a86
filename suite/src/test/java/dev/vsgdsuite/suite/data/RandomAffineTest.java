package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RandomAffineTest {

    @Test
    void identityParametersGiveTheImageUnchanged() {
        float[] img = RandomCropTest.ramp(3, 7);
        assertThat(RandomAffine.warp(img, 3, 7, 7, 0, 0, 0, 1)).containsExactly(img);
        float[] even = RandomCropTest.ramp(2, 8);
        assertThat(RandomAffine.warp(even, 2, 8, 8, 0, 0, 0, 1)).containsExactly(even);
    }

    @Test
    void aTranslationShiftsByWholePixelsAndFillsWithZero() {
        float[] img = RandomCropTest.ramp(1, 5);
        float[] out = RandomAffine.warp(img, 1, 5, 5, 0, 2, -1, 1);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                int sx = x - 2;
                int sy = y + 1;
                float expected = (sx >= 0 && sy < 5) ? img[sy * 5 + sx] : 0f;
                assertThat(out[y * 5 + x]).as("y%d x%d", y, x).isEqualTo(expected);
            }
        }
    }

    @Test
    void ninetyDegreesTurnsTheImageClockwiseAboutItsCentre() {
        float[] img = RandomCropTest.ramp(1, 4);
        float[] out = RandomAffine.warp(img, 1, 4, 4, 90, 0, 0, 1);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                // clockwise: output row y, column x comes from input row 3 - x, column y
                assertThat(out[y * 4 + x]).as("y%d x%d", y, x).isEqualTo(img[(3 - x) * 4 + y]);
            }
        }
    }

    @Test
    void scaleTwoMagnifiesAboutTheCentre() {
        float[] img = RandomCropTest.ramp(1, 4);
        float[] out = RandomAffine.warp(img, 1, 4, 4, 0, 0, 0, 2);
        // the central 2x2 block (rows/cols 1..2) fills the image, each pixel as a 2x2 block
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(out[y * 4 + x]).isEqualTo(img[(1 + y / 2) * 4 + (1 + x / 2)]);
            }
        }
    }

    @Test
    void drawnParametersStayInTheirRangesAndReachTheirEnds() {
        RandomAffine affine = new RandomAffine(45, 0.1, 0.9, 1.1);
        SplittableRandom rng = new SplittableRandom(7);
        double minAngle = 0, maxAngle = 0, minScale = 2, maxScale = 0;
        int maxShift = 0;
        for (int i = 0; i < 2000; i++) {
            RandomAffine.Params p = affine.draw(rng, 64, 64);
            assertThat(p.angle()).isBetween(-45.0, 45.0);
            assertThat(p.scale()).isBetween(0.9, 1.1);
            assertThat(Math.abs(p.tx())).isLessThanOrEqualTo(6); // round(0.1 * 64 = 6.4)
            assertThat(Math.abs(p.ty())).isLessThanOrEqualTo(6);
            minAngle = Math.min(minAngle, p.angle());
            maxAngle = Math.max(maxAngle, p.angle());
            minScale = Math.min(minScale, p.scale());
            maxScale = Math.max(maxScale, p.scale());
            maxShift = Math.max(maxShift, Math.max(Math.abs(p.tx()), Math.abs(p.ty())));
        }
        assertThat(minAngle).isLessThan(-44);
        assertThat(maxAngle).isGreaterThan(44);
        assertThat(minScale).isLessThan(0.91);
        assertThat(maxScale).isGreaterThan(1.09);
        assertThat(maxShift).isEqualTo(6);
    }

    @Test
    void applyWarpsWithTheDrawnParameters() {
        RandomAffine affine = new RandomAffine(45, 0.1, 0.9, 1.1);
        float[] img = RandomCropTest.ramp(3, 16);
        RandomAffine.Params p = affine.draw(new SplittableRandom(3), 16, 16);
        float[] out = affine.apply(img, 3, 16, 16, new SplittableRandom(3));
        assertThat(out).containsExactly(RandomAffine.warp(img, 3, 16, 16, p.angle(), p.tx(), p.ty(), p.scale()));
        assertThat(out).isNotEqualTo(img);
    }
}
