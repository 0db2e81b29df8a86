package dev.vsgdsuite.suite.data;

import java.util.SplittableRandom;

/**
 * torchvision's {@code RandomHorizontalFlip(p)}: with probability {@code p} (one uniform draw) the
 * image is mirrored left to right, i.e. every row of every channel is reversed.
 */
public final class HorizontalFlip implements ImageTransform {

    private final double probability;

    public HorizontalFlip(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        this.probability = probability;
    }

    @Override
    public float[] apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        return rng.nextDouble() < probability ? flip(chw, channels, height, width) : chw;
    }

    /** Reverses every row of every channel, in place; returns {@code chw}. */
    public static float[] flip(float[] chw, int channels, int height, int width) {
        for (int row = 0; row < channels * height; row++) {
            for (int a = row * width, b = a + width - 1; a < b; a++, b--) {
                float t = chw[a];
                chw[a] = chw[b];
                chw[b] = t;
            }
        }
        return chw;
    }

    @Override
    public boolean isRandom() {
        return true;
    }

    @Override
    public String toString() {
        return "HorizontalFlip(p=" + probability + ")";
    }
}
