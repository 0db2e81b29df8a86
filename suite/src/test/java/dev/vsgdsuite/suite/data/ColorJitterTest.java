package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ColorJitterTest {

    /** A 3x4x4 image with values in (0, 1). */
    static float[] image() {
        float[] img = new float[48];
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < img.length; i++) {
            img[i] = 0.05f + 0.9f * (float) rng.nextDouble();
        }
        return img;
    }

    @Test
    void factorOneLeavesTheImageUnchanged() {
        float[] img = image();
        float[] a = img.clone();
        ColorJitter.brightness(a, 1);
        ColorJitter.contrast(a, 3, 4, 4, 1);
        ColorJitter.saturation(a, 3, 4, 4, 1);
        assertThat(a).containsExactly(img);
        assertThat(new ColorJitter(0, 0, 0).apply(img.clone(), 3, 4, 4, new SplittableRandom(1))).containsExactly(img);
    }

    @Test
    void brightnessScalesAndClamps() {
        float[] a = image();
        float[] img = a.clone();
        ColorJitter.brightness(a, 0.5);
        assertThat(a[5]).isEqualTo(0.5f * img[5]);
        ColorJitter.brightness(a, 4);
        assertThat(a).contains(1f);
        for (float v : a) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void contrastZeroGivesTheMeanGreyAndSaturationZeroTheGreyOfEachPixel() {
        float[] img = image();
        float[] c = img.clone();
        ColorJitter.contrast(c, 3, 4, 4, 0);
        double meanGrey = 0;
        for (int i = 0; i < 16; i++) {
            meanGrey += 0.2989 * img[i] + 0.587 * img[16 + i] + 0.114 * img[32 + i];
        }
        meanGrey /= 16;
        for (float v : c) {
            assertThat(v).isCloseTo((float) meanGrey, within(1e-6f));
        }
        float[] s = img.clone();
        ColorJitter.saturation(s, 3, 4, 4, 0);
        for (int i = 0; i < 16; i++) {
            float grey = 0.2989f * img[i] + 0.587f * img[16 + i] + 0.114f * img[32 + i];
            assertThat(new float[] {s[i], s[16 + i], s[32 + i]}).containsOnly(grey);
        }
        float[] single = {0.2f, 0.8f};
        ColorJitter.saturation(single, 1, 1, 2, 0);
        assertThat(single).containsExactly(0.2f, 0.8f);
    }

    @Test
    void randomBrightnessFactorsLieInOnePlusMinusStrength() {
        float[] img = image();
        img[0] = 0.3f; // the probe value, never clamped
        double min = 2;
        double max = 0;
        for (int s = 0; s < 300; s++) {
            float[] out = new ColorJitter(0.2, 0, 0).apply(img.clone(), 3, 4, 4, new SplittableRandom(s));
            double factor = out[0] / img[0];
            for (int i = 0; i < img.length; i++) {
                if (img[i] * factor < 1) {
                    assertThat((double) out[i]).isCloseTo(img[i] * factor, within(1e-5));
                }
            }
            min = Math.min(min, factor);
            max = Math.max(max, factor);
        }
        assertThat(min).isBetween(0.8, 0.82);
        assertThat(max).isBetween(1.18, 1.2);
    }

    @Test
    void theFullJitterStaysInRangeAndDependsOnTheSeed() {
        float[] img = image();
        ColorJitter jitter = new ColorJitter(0.2, 0.2, 0.2);
        float[] a = jitter.apply(img.clone(), 3, 4, 4, new SplittableRandom(1));
        float[] b = jitter.apply(img.clone(), 3, 4, 4, new SplittableRandom(1));
        float[] c = jitter.apply(img.clone(), 3, 4, 4, new SplittableRandom(2));
        assertThat(a).containsExactly(b).isNotEqualTo(c).isNotEqualTo(img);
        for (float v : c) {
            assertThat(v).isBetween(0f, 1f);
        }
    }
}
