package dev.vsgdsuite.suite.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tiled 1×1 convolution and its weight gradient against a double-precision product, and bit for
 * bit against the untiled passes whose order of sums they keep: so a tile that reads the wrong row,
 * drops a remainder or sums in another order fails, whether the channels take the panel path (32 and
 * more) or not, and whatever the pixel count leaves over after whole tiles and vectors.
 */
@EnabledIf(value = "dev.vsgdsuite.vsgd.HostArrays#hostKernels", disabledReason = "tests a host kernel: runs on the CPU backend, not on CUDA or under -Dvsgd.emulateCuda=true")
class PointwiseLanesTest {

    @ParameterizedTest(name = "{0} → {1} channels, {2} pixels, [{3}, {4})")
    @CsvSource({"16, 16, 6272, 0, 6272", "256, 256, 512, 0, 512", "40, 13, 1001, 0, 1001", "33, 70, 517, 35, 480",
            "12, 256, 300, 0, 300", "256, 12, 300, 16, 300"})
    void theTiledConvolutionIsTheProductSummedInChannelOrder(int cIn, int cOut, int m, int from, int to) {
        Random random = new Random(cIn * 31L + cOut);
        float[] in = values(random, cIn * m);
        float[] w = values(random, cOut * cIn);
        float[] bias = values(random, cOut);
        float[] tiled = new float[cOut * m];
        float[] narrow = new float[cOut * m];
        PointwiseLanes.pointwise(in, w, bias, tiled, cIn, cOut, m, from, to);
        PointwiseLanes.pointwiseNarrow(in, w, bias, narrow, cIn, cOut, m, from, to);
        assertThat(tiled).as("the same sums in the same order as the untiled pass").isEqualTo(narrow);
        double worst = 0;
        for (int co = 0; co < cOut; co++) {
            for (int j = 0; j < m; j++) {
                double expected = 0;
                if (j >= from && j < to) {
                    expected = bias[co];
                    for (int ci = 0; ci < cIn; ci++) {
                        expected += (double) w[co * cIn + ci] * in[ci * m + j];
                    }
                }
                worst = Math.max(worst, Math.abs(tiled[co * m + j] - expected));
            }
        }
        assertThat(worst).as("against the double-precision product (outside [from, to) untouched)").isLessThan(1e-4);
    }

    @ParameterizedTest(name = "{0} × {1} channels, {2} pixels, output channels [{3}, {4})")
    @CsvSource({"16, 16, 6272, 0, 16", "256, 256, 256, 0, 256", "18, 13, 1001, 0, 18", "21, 6, 37, 5, 19",
            "256, 12, 300, 128, 256"})
    void theTiledWeightGradientIsDotsBitForBit(int cOut, int cIn, int m, int from, int to) {
        Random random = new Random(cOut * 7L + cIn);
        float[] a = values(random, cOut * m);
        float[] b = values(random, cIn * m);
        float[] lanes = new float[16 * PlaneLanes.L];
        float[] tiled = new float[cOut * cIn];
        float[] dots = new float[cOut * cIn];
        PointwiseLanes.weightGradient(a, b, cIn, m, tiled, from, to, lanes);
        for (int co = from; co < to; co++) {
            for (int ci = 0; ci < cIn; ci += 4) {
                PlaneLanes.dots(a, b, co, ci, Math.min(4, cIn - ci), dots, co * cIn + ci, 1, cOut, m, lanes);
            }
        }
        assertThat(tiled).isEqualTo(dots);
        double worst = 0;
        for (int co = 0; co < cOut; co++) {
            for (int ci = 0; ci < cIn; ci++) {
                double expected = 0;
                if (co >= from && co < to) {
                    for (int j = 0; j < m; j++) {
                        expected += (double) a[co * m + j] * b[ci * m + j];
                    }
                }
                worst = Math.max(worst, Math.abs(tiled[co * cIn + ci] - expected));
            }
        }
        assertThat(worst).as("against the double-precision sums (rows outside [from, to) untouched)").isLessThan(1e-3);
    }

    private static float[] values(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }
}
