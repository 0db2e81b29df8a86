package dev.vsgdsuite.suite.data;

import java.util.SplittableRandom;

/**
 * One step of a {@link Pipeline}: a function of a float image, channel-major ({@code chw} holds
 * channels × height × width values, planes in channel order, rows top to bottom), with the shape
 * unchanged. Random steps draw only from the generator they are given, which the caller seeds per
 * sample, so the same seed gives the same image on any thread.
 */
public interface ImageTransform {

    /**
     * Transforms {@code chw}, returning the result: either {@code chw} changed in place or a new
     * array of the same length.
     */
    float[] apply(float[] chw, int channels, int height, int width, SplittableRandom rng);

    /** True when {@link #apply} draws from {@code rng}; a pipeline of non-random steps is deterministic. */
    boolean isRandom();
}
