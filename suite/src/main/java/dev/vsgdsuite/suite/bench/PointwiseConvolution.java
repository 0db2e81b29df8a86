package dev.vsgdsuite.suite.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.vsgdsuite.suite.kernels.PointwiseLanes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One question: what do the fused layers' 1×1 convolution and its weight gradient cost, tiled
 * ({@code tiled}: {@link PointwiseLanes#pointwise} and {@link PointwiseLanes#weightGradient}) against
 * the untiled passes they replace and keep the sums of ({@code rows}: {@link
 * PointwiseLanes#pointwiseNarrow} and {@link PointwiseLanes#weightGradientByDots}), at the shapes the
 * networks run: {@code 16x6272} is the demo's block (16 channels, 32 samples of 14×14), {@code
 * 256x8192} ConvMixer-256's (256 channels, 32 samples of 16×16). One thread, the whole row range in
 * one call; the untiled pass is the baseline beside each tiled one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class PointwiseConvolution {

    @State(Scope.Thread)
    public static class Operands {

        /** channels × pixels per channel row. */
        @Param({"16x6272", "256x8192"})
        public String shape;

        @Param({"tiled", "rows"})
        public String pass;

        int c;
        int m;
        float[] in;
        float[] w;
        float[] bias;
        float[] out;
        float[] weightGradient;
        float[] lanes = PointwiseLanes.scratch();

        @Setup
        public void setUp() {
            String[] parts = shape.split("x");
            c = Integer.parseInt(parts[0]);
            m = Integer.parseInt(parts[1]);
            SplittableRandom random = new SplittableRandom(7);
            in = values(random, c * m);
            w = values(random, c * c);
            bias = values(random, c);
            out = new float[c * m];
            weightGradient = new float[c * c];
        }

        private static float[] values(SplittableRandom random, int n) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (random.nextDouble() * 2 - 1);
            }
            return v;
        }
    }

    /** out = W·in + b over every pixel. */
    @Benchmark
    public float[] convolution(Operands o) {
        if (o.pass.equals("tiled")) {
            PointwiseLanes.pointwise(o.in, o.w, o.bias, o.out, o.c, o.c, o.m, 0, o.m);
        } else {
            PointwiseLanes.pointwiseNarrow(o.in, o.w, o.bias, o.out, o.c, o.c, o.m, 0, o.m);
        }
        return o.out;
    }

    /** dW = out·inᵀ: each output channel's row against each input channel's, summed over the pixels. */
    @Benchmark
    public float[] weightGradient(Operands o) {
        if (o.pass.equals("tiled")) {
            PointwiseLanes.weightGradient(o.out, o.in, o.c, o.m, o.weightGradient, 0, o.c, o.lanes);
        } else {
            PointwiseLanes.weightGradientByDots(o.out, o.in, o.c, o.m, o.weightGradient, 0, o.c, o.lanes);
        }
        return o.weightGradient;
    }
}
