package dev.vsgdsuite.suite.data;

import java.util.SplittableRandom;

/**
 * torchvision's {@code RandomCrop(size, padding=p)} with the crop the size of the image: pad every
 * side with {@code p} zeros, then cut an image of the original size at a top and left offset each
 * uniform in {@code [0, 2p]} (drawn in that order, as torchvision does). Net effect: the image
 * shifted by up to {@code p} pixels each way, the uncovered border zero (zero is black here because
 * the step runs before normalisation, as in the authors' pipeline).
 */
public final class RandomCrop implements ImageTransform {

    private final int padding;

    public RandomCrop(int padding) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        this.padding = padding;
    }

    public int padding() {
        return padding;
    }

    @Override
    public float[] apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        int top = rng.nextInt(2 * padding + 1);
        int left = rng.nextInt(2 * padding + 1);
        return crop(chw, channels, height, width, padding, top, left);
    }

    /**
     * The crop at ({@code top}, {@code left}) of the image padded by {@code padding}: output pixel
     * (y, x) is input pixel (y + top − padding, x + left − padding), or 0 outside the input.
     */
    public static float[] crop(float[] chw, int channels, int height, int width, int padding, int top, int left) {
        float[] out = new float[chw.length];
        int dy = top - padding;
        int dx = left - padding;
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                if (sy < 0 || sy >= height) {
                    continue;
                }
                int x0 = Math.max(0, -dx);
                int x1 = Math.min(width, width - dx);
                if (x1 > x0) {
                    System.arraycopy(chw, plane + sy * width + x0 + dx, out, plane + y * width + x0, x1 - x0);
                }
            }
        }
        return out;
    }

    @Override
    public boolean isRandom() {
        return padding > 0;
    }

    @Override
    public String toString() {
        return "RandomCrop(padding=" + padding + ")";
    }
}
