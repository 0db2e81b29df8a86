package dev.vsgdsuite.suite.kernels;

import java.util.Random;

/** The inputs the GELU tests compare on: a dense grid over every input that matters plus a million standard-normal draws. */
public final class GeluInputs {

    private GeluInputs() {}

    public static float[] grid() {
        Random random = new Random(7);
        float[] x = new float[2_000_001 + 1_000_000];
        for (int i = 0; i <= 2_000_000; i++) {
            x[i] = -13f + 26f * i / 2_000_000f;
        }
        for (int i = 2_000_001; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
