package dev.vsgdsuite.suite.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** torchvision's {@code Normalize(mean, std)}: {@code (x − mean[c]) / std[c]} for each channel c. */
public final class Normalize implements ImageTransform {

    private final float[] mean;
    private final float[] std;

    public Normalize(double[] mean, double[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need one value per channel, got " + mean.length + " and "
                    + std.length);
        }
        this.mean = new float[mean.length];
        this.std = new float[std.length];
        for (int c = 0; c < mean.length; c++) {
            if (!(std[c] > 0)) {
                throw new IllegalArgumentException("std must be > 0, got " + std[c] + " for channel " + c);
            }
            this.mean[c] = (float) mean[c];
            this.std[c] = (float) std[c];
        }
    }

    @Override
    public float[] apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        if (channels != mean.length) {
            throw new IllegalArgumentException(this + " is for " + mean.length + " channels, the image has " + channels);
        }
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            float m = mean[c];
            float s = std[c];
            for (int i = c * plane, end = i + plane; i < end; i++) {
                chw[i] = (chw[i] - m) / s;
            }
        }
        return chw;
    }

    @Override
    public boolean isRandom() {
        return false;
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
