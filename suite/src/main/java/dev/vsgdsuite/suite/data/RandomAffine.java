package dev.vsgdsuite.suite.data;

import java.util.SplittableRandom;

/**
 * torchvision's {@code RandomAffine(degrees, translate=(t, t), scale=(lo, hi))} with no shear and
 * its default nearest-neighbour sampling and zero fill: draws an angle uniform in ±degrees, a
 * translation of {@code round(uniform(±t·width))} and {@code round(uniform(±t·height))} pixels, and
 * a scale uniform in {@code [lo, hi]} (in that order, as torchvision's {@code get_params}), then
 * rotates and scales about the image centre and translates.
 *
 * <p>Each output pixel is pulled from the input through the inverse map, with torchvision's
 * inverse matrix for zero shear (centre at (w/2, h/2) in pixel-edge coordinates, pixel centres at
 * +0.5), so the identity parameters reproduce the image exactly and a positive angle turns the
 * image clockwise, as torchvision's {@code F.affine} (the sign is moot for a symmetric range).
 */
public final class RandomAffine implements ImageTransform {

    private final double degrees;
    private final double translate;
    private final double scaleMin;
    private final double scaleMax;

    /**
     * @param degrees   the largest rotation, either way, in degrees
     * @param translate the largest shift as a fraction of the width (x) and of the height (y)
     */
    public RandomAffine(double degrees, double translate, double scaleMin, double scaleMax) {
        if (degrees < 0 || translate < 0 || translate > 1 || !(scaleMin > 0) || scaleMax < scaleMin) {
            throw new IllegalArgumentException("need degrees >= 0, 0 <= translate <= 1, 0 < scaleMin <= scaleMax; got "
                    + degrees + ", " + translate + ", " + scaleMin + ", " + scaleMax);
        }
        this.degrees = degrees;
        this.translate = translate;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
    }

    /** One draw of the parameters: angle in degrees, whole-pixel shifts, scale. */
    record Params(double angle, int tx, int ty, double scale) {}

    @Override
    public float[] apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        Params p = draw(rng, height, width);
        return warp(chw, channels, height, width, p.angle(), p.tx(), p.ty(), p.scale());
    }

    /** The parameters for an image of {@code height × width}, drawn in torchvision's order. */
    Params draw(SplittableRandom rng, int height, int width) {
        double angle = uniform(rng, -degrees, degrees);
        double maxDx = translate * width;
        double maxDy = translate * height;
        int tx = (int) Math.round(uniform(rng, -maxDx, maxDx));
        int ty = (int) Math.round(uniform(rng, -maxDy, maxDy));
        double scale = uniform(rng, scaleMin, scaleMax);
        return new Params(angle, tx, ty, scale);
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /**
     * The image rotated by {@code angleDegrees} and scaled by {@code scale} about its centre, then
     * shifted by ({@code tx}, {@code ty}) pixels; nearest-neighbour sampling, 0 where the source
     * falls outside the image.
     */
    public static float[] warp(float[] chw, int channels, int height, int width, double angleDegrees, double tx,
                               double ty, double scale) {
        double rot = Math.toRadians(angleDegrees);
        double cos = Math.cos(rot);
        double sin = Math.sin(rot);
        // torchvision _get_inverse_affine_matrix, shear 0: RSS^-1 = [[cos, sin], [-sin, cos]] / scale.
        double a = cos / scale;
        double b = sin / scale;
        double c = -sin / scale;
        double d = cos / scale;
        double cx = width * 0.5;
        double cy = height * 0.5;
        float[] out = new float[chw.length];
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            double oy = y + 0.5 - cy - ty;
            for (int x = 0; x < width; x++) {
                double ox = x + 0.5 - cx - tx;
                int sx = (int) Math.floor(a * ox + b * oy + cx);
                int sy = (int) Math.floor(c * ox + d * oy + cy);
                if (sx < 0 || sx >= width || sy < 0 || sy >= height) {
                    continue;
                }
                int from = sy * width + sx;
                int to = y * width + x;
                for (int ch = 0; ch < channels; ch++) {
                    out[ch * plane + to] = chw[ch * plane + from];
                }
            }
        }
        return out;
    }

    @Override
    public boolean isRandom() {
        return true;
    }

    @Override
    public String toString() {
        return "RandomAffine(degrees=" + degrees + ", translate=" + translate + ", scale=[" + scaleMin + ", "
                + scaleMax + "])";
    }
}
