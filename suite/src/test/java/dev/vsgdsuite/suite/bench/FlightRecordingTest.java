package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile's categories from stacks as JFR records them (innermost frame first), and a real
 * recording of this thread.
 */
class FlightRecordingTest {

    private static List<String[]> stack(String... frames) {
        List<String[]> out = new ArrayList<>();
        for (String f : frames) {
            int dot = f.lastIndexOf('.');
            out.add(new String[] {f.substring(0, dot), f.substring(dot + 1)});
        }
        return out;
    }

    @Test
    void theLayerIsTheOutermostLayerFrameNotItsHelperAndBackwardWhenItsBackpropIsOnTheStack() {
        assertThat(FlightRecording.category(stack(
                "org.nd4j.nativeblas.Nd4jCpu.execCustomOp2",
                "org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper.backpropGradient",
                "org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.backpropGradient",
                "org.deeplearning4j.nn.graph.vertex.impl.LayerVertex.doBackward",
                "org.deeplearning4j.nn.graph.ComputationGraph.calcBackpropGradients")))
                .isEqualTo("ConvolutionLayer backward");
        // the forward pass a layer recomputes inside its backprop counts as backward
        assertThat(FlightRecording.category(stack(
                "org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer.preOutput",
                "org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer.backpropGradient")))
                .isEqualTo("DepthwiseConvolution2DLayer backward");
        assertThat(FlightRecording.category(stack(
                "org.deeplearning4j.nn.layers.normalization.BatchNormalization.preOutput",
                "org.deeplearning4j.nn.layers.normalization.BatchNormalization.activate",
                "org.deeplearning4j.nn.graph.vertex.impl.LayerVertex.doForward")))
                .isEqualTo("BatchNormalization forward");
    }

    @Test
    void specificWorkWinsOverTheLayerThatCallsIt() {
        assertThat(FlightRecording.category(stack(
                "org.bytedeco.javacpp.Pointer.physicalBytesInaccurate",
                "org.bytedeco.javacpp.Pointer.deallocator",
                "org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.activate")))
                .isEqualTo("JavaCPP physical-memory check");
        assertThat(FlightRecording.category(stack(
                "dev.vsgdsuite.suite.kernels.GeluLanes.pass",
                "dev.vsgdsuite.suite.layers.ExactGelu.backprop",
                "org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.backpropGradient")))
                .isEqualTo("activation GeluLanes");
        assertThat(FlightRecording.category(stack(
                "dev.vsgdsuite.vsgd.VsgdVectorStep.run",
                "org.deeplearning4j.nn.updater.BaseMultiLayerUpdater.update")))
                .isEqualTo("optimizer step");
        assertThat(FlightRecording.category(stack(
                "org.deeplearning4j.nn.updater.UpdaterBlock.update",
                "org.deeplearning4j.nn.graph.ComputationGraph.fit")))
                .isEqualTo("updater bookkeeping (DL4J)");
    }

    @Test
    void theSuitesOwnLayersAreLayersToo() {
        assertThat(FlightRecording.category(stack(
                "org.nd4j.linalg.factory.Nd4j.exec",
                "dev.vsgdsuite.suite.layers.GroupedConvolutionImpl.backpropGradient",
                "org.deeplearning4j.nn.graph.vertex.impl.LayerVertex.doBackward")))
                .isEqualTo("GroupedConvolutionImpl backward");
        assertThat(FlightRecording.category(stack(
                "org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer.backpropGradient",
                "dev.vsgdsuite.suite.layers.CachingDepthwiseConvolution2D$CachingDepthwiseConvolution2DLayer.backpropGradient")))
                .isEqualTo("CachingDepthwiseConvolution2DLayer backward");
        assertThat(FlightRecording.category(stack("dev.vsgdsuite.suite.bench.PairedTrainingIterations.fit")))
                .startsWith("other");
        // a fused block's GELU and its parallel chunks are the block's, not an activation or an optimizer step
        assertThat(FlightRecording.category(stack(
                "dev.vsgdsuite.suite.kernels.GeluLanes.pass",
                "dev.vsgdsuite.vsgd.HostArrays.inChunks",
                "dev.vsgdsuite.suite.kernels.MixerBlockLanes.backward",
                "dev.vsgdsuite.suite.layers.MixerBlockImpl.backpropGradient",
                "org.deeplearning4j.nn.graph.vertex.impl.LayerVertex.doBackward")))
                .isEqualTo("MixerBlockImpl backward");
    }

    @Test
    void verticesAndTheRest() {
        assertThat(FlightRecording.category(stack(
                "org.nd4j.linalg.factory.Nd4j.zeros",
                "org.deeplearning4j.nn.graph.vertex.impl.SubsetVertex.doBackward")))
                .isEqualTo("SubsetVertex backward");
        assertThat(FlightRecording.category(stack("org.deeplearning4j.nn.graph.vertex.impl.MergeVertex.doForward")))
                .isEqualTo("MergeVertex forward");
        assertThat(FlightRecording.category(stack("org.nd4j.linalg.workspace.BaseWorkspaceMgr.notifyScopeEntered",
                "org.deeplearning4j.nn.graph.ComputationGraph.fit")))
                .startsWith("other");
    }

    @Test
    void aRecordingOfThisThreadCountsItsSamplesAndTheSharesAddUpToOne(@TempDir Path dir) throws IOException {
        Path file = FlightRecording.fileFor(dir.resolve("p.jfr"), "demo");
        assertThat(file.getFileName().toString()).isEqualTo("p-demo.jfr");
        List<FlightRecording.Share> shares;
        try (FlightRecording profile = FlightRecording.start()) {
            // busy in Java, calling methods: JFR drops a sample it cannot walk (e.g. inside a tight loop)
            long until = System.nanoTime() + 1_000_000_000L;
            java.util.Random random = new java.util.Random(1);
            long sink = 0;
            while (System.nanoTime() < until) {
                int[] values = random.ints(10_000).toArray();
                java.util.Arrays.sort(values);
                sink += values[0];
            }
            assertThat(sink).isNotZero();
            shares = profile.stop(file);
        }
        assertThat(file).isRegularFile();
        assertThat(Files.size(file)).isPositive();
        int samples = shares.stream().mapToInt(FlightRecording.Share::samples).sum();
        assertThat(samples).as("10 ms samples of 1 s of work").isGreaterThan(20);
        assertThat(shares.stream().mapToDouble(FlightRecording.Share::fraction).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(shares).extracting(FlightRecording.Share::category).containsExactly(
                "other (graph plumbing, workspaces, loss bookkeeping)");
        String table = FlightRecording.markdown("Profile of x", shares, 20.0);
        assertThat(table).contains("| other (graph plumbing, workspaces, loss bookkeeping) | 100.0 % | 20.0 |");
    }
}
