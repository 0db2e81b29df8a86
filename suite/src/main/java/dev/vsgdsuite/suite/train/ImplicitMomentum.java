package dev.vsgdsuite.suite.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.vsgdsuite.vsgd.VsgdUpdater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * Statistics of VSGD's implicit momentum β1 = Bh/(Bg + Bh) over all parameters of a network, the
 * quantity the paper plots against Adam's β1. Above {@link #MAX_SAMPLE} parameters the statistics are
 * taken over an evenly strided, deterministic sample of that size, so logging stays cheap.
 */
public final class ImplicitMomentum {

    static final int MAX_SAMPLE = 1 << 20;

    /** Median, mean and the sample they came from (for histograms). */
    public record Stats(double median, double mean, float[] sample) {

        /** The sample's distribution in 50 equal bins over [0, 1], as {@code beta1_final.json} holds it. */
        public Histogram histogram() {
            long[] counts = new long[BINS];
            for (float v : sample) {
                counts[Math.min(BINS - 1, Math.max(0, (int) (v * BINS)))]++;
            }
            return new Histogram(BINS, counts, median, mean, sample.length);
        }
    }

    /** β1 counts per bin, with the median and mean of the {@code sampled} values. */
    public record Histogram(int bins, long[] counts, double median, double mean, int sampled) {}

    static final int BINS = 50;

    private ImplicitMomentum() {}

    /** Null when the network has no VSGD block or no block has stepped yet. */
    public static Stats of(ComputationGraph graph) {
        List<float[]> parts = new ArrayList<>();
        long total = 0;
        for (UpdaterBlock block : ((BaseMultiLayerUpdater<?>) graph.getUpdater()).getUpdaterBlocks()) {
            GradientUpdater<?> u = block.getGradientUpdater();
            if (u instanceof VsgdUpdater && ((VsgdUpdater) u).stepCount() > 0) {
                float[] beta = ((VsgdUpdater) u).implicitMomentum().ravel().toFloatVector();
                parts.add(beta);
                total += beta.length;
            }
        }
        if (total == 0) {
            return null;
        }
        long stride = Math.max(1, (total + MAX_SAMPLE - 1) / MAX_SAMPLE);
        float[] sample = new float[(int) ((total + stride - 1) / stride)];
        int k = 0;
        long index = 0;
        for (float[] part : parts) {
            for (float v : part) {
                if (index++ % stride == 0 && k < sample.length) {
                    sample[k++] = v;
                }
            }
        }
        sample = Arrays.copyOf(sample, k);
        double sum = 0;
        for (float v : sample) {
            sum += v;
        }
        float[] sorted = sample.clone();
        Arrays.sort(sorted);
        // torch.median: the lower of the two middle values
        double median = sorted[(sorted.length - 1) / 2];
        return new Stats(median, sum / sample.length, sample);
    }
}
