package dev.vsgdsuite.suite.data;

import java.util.SplittableRandom;

/** Small in-memory image sets for tests. */
final class TestImages {

    private TestImages() {}

    /** {@code n} random images of the given shape; image i has label {@code i % classes}. */
    static ImageSet random(String name, int n, int channels, int height, int width, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[][] images = new byte[n][channels * height * width];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < images[i].length; p++) {
                images[i][p] = (byte) rng.nextInt(256);
            }
            labels[i] = i % classes;
        }
        return new ImageSet(name, null, channels, height, width, classes, null, images, labels);
    }

    /** {@code n} 1-pixel grey images whose single pixel value is the image's index (n <= 256). */
    static ImageSet indexed(int n, int classes) {
        byte[][] images = new byte[n][1];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            images[i][0] = (byte) i;
            labels[i] = i % classes;
        }
        return new ImageSet("indexed", null, 1, 1, 1, classes, null, images, labels);
    }

    /**
     * The tests that read the real Fashion-MNIST need Debian's package; without it they fail (never
     * skip) with the fix. The README's prerequisites and .ci/run install it.
     */
    static void requireDebianFashionMnist() {
        if (!java.nio.file.Files.isDirectory(DatasetLocator.DEBIAN_FASHION_MNIST)) {
            throw new AssertionError("This test reads the real Fashion-MNIST from " + DatasetLocator.DEBIAN_FASHION_MNIST
                    + ", which is missing: run `apt-get install dataset-fashion-mnist` (as .ci/run does)");
        }
    }
}
