package dev.vsgdsuite.suite.data;

import java.util.SplittableRandom;

/**
 * torchvision's {@code ColorJitter(brightness=b, contrast=c, saturation=s)} on images in [0, 1]:
 * draws the order of the three adjustments (a random permutation, as torchvision's
 * {@code randperm}) and then a factor for each, uniform in {@code [1 − b, 1 + b]} etc., and applies
 * them in that order, each clamped to [0, 1] as torchvision's {@code _blend}:
 * <ul>
 *   <li>brightness: blend with black, {@code f·x};</li>
 *   <li>contrast: blend with the mean grey level of the whole image, {@code f·x + (1 − f)·mean(grey)};</li>
 *   <li>saturation: blend with the pixel's own grey level, {@code f·x + (1 − f)·grey} (no-op on
 *       1-channel images, as torchvision).</li>
 * </ul>
 * Grey is ITU-R 601 luma, {@code 0.2989 R + 0.587 G + 0.114 B}, torchvision's weights. It must run
 * before normalisation, since it assumes values in [0, 1].
 */
public final class ColorJitter implements ImageTransform {

    private final double brightness;
    private final double contrast;
    private final double saturation;

    public ColorJitter(double brightness, double contrast, double saturation) {
        if (brightness < 0 || contrast < 0 || saturation < 0 || brightness > 1 || contrast > 1 || saturation > 1) {
            throw new IllegalArgumentException("jitter strengths must be in [0, 1], got " + brightness + ", "
                    + contrast + ", " + saturation);
        }
        this.brightness = brightness;
        this.contrast = contrast;
        this.saturation = saturation;
    }

    @Override
    public float[] apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        int[] order = {0, 1, 2};
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] factors = {factor(rng, brightness), factor(rng, contrast), factor(rng, saturation)};
        for (int step : order) {
            double f = factors[step];
            switch (step) {
                case 0 -> brightness(chw, f);
                case 1 -> contrast(chw, channels, height, width, f);
                default -> saturation(chw, channels, height, width, f);
            }
        }
        return chw;
    }

    private static double factor(SplittableRandom rng, double strength) {
        return 1 - strength + 2 * strength * rng.nextDouble();
    }

    /** {@code clamp(f·x)}, in place. */
    public static void brightness(float[] chw, double factor) {
        float f = (float) factor;
        for (int i = 0; i < chw.length; i++) {
            chw[i] = clamp(f * chw[i]);
        }
    }

    /** {@code clamp(f·x + (1 − f)·m)} with m the mean grey level of the image, in place. */
    public static void contrast(float[] chw, int channels, int height, int width, double factor) {
        int plane = height * width;
        double sum = 0;
        for (int i = 0; i < plane; i++) {
            sum += grey(chw, channels, plane, i);
        }
        float f = (float) factor;
        float offset = (float) ((1 - factor) * (sum / plane));
        for (int i = 0; i < chw.length; i++) {
            chw[i] = clamp(f * chw[i] + offset);
        }
    }

    /** {@code clamp(f·x + (1 − f)·grey(pixel))}, in place; 1-channel images are left alone. */
    public static void saturation(float[] chw, int channels, int height, int width, double factor) {
        if (channels == 1) {
            return;
        }
        int plane = height * width;
        float f = (float) factor;
        float g = (float) (1 - factor);
        for (int i = 0; i < plane; i++) {
            float grey = grey(chw, channels, plane, i);
            for (int c = 0; c < channels; c++) {
                int at = c * plane + i;
                chw[at] = clamp(f * chw[at] + g * grey);
            }
        }
    }

    private static float grey(float[] chw, int channels, int plane, int i) {
        if (channels < 3) {
            return chw[i];
        }
        return 0.2989f * chw[i] + 0.587f * chw[plane + i] + 0.114f * chw[2 * plane + i];
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    @Override
    public boolean isRandom() {
        return true;
    }

    @Override
    public String toString() {
        return "ColorJitter(brightness=" + brightness + ", contrast=" + contrast + ", saturation=" + saturation + ")";
    }
}
