package dev.vsgdsuite.suite.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.vsgdsuite.suite.bench.Variant;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import dev.vsgdsuite.suite.optim.TorchAdam;
import dev.vsgdsuite.suite.optim.TorchAdamUpdater;
import dev.vsgdsuite.suite.layers.ExactGelu;
import dev.vsgdsuite.suite.layers.FastLayers;
import dev.vsgdsuite.vsgd.BlockUpdater.Kernel;
import dev.vsgdsuite.vsgd.HostArrays;
import dev.vsgdsuite.vsgd.Vsgd;
import dev.vsgdsuite.vsgd.VsgdUpdater;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the CUDA-path emulation switches ({@code -Dvsgd.emulateCuda=true}, the cuda-path test
 * execution): the runtime says so, nd4j's and DL4J's helpers are off, every optimizer steps through
 * nd4j ops, a forced host kernel is refused with the switch and the fix named, and a paper network
 * is built without the suite's host layers.
 */
@Tag("emulated-cuda")
class EmulatedCudaPathTest {

    @Test
    void theRuntimeRunsTheCudaPath() {
        RuntimeInfo info = Dl4jRuntime.init();
        assertThat(HostArrays.emulatingCuda()).isTrue();
        assertThat(HostArrays.hostKernels()).isFalse();
        assertThat(info.path()).isEqualTo(RuntimeInfo.CUDA_EMULATED);
        assertThat(info.oneDnn()).as("oneDNN inside libnd4j's ops").isFalse();
        assertThat(info.layerHelpers()).as("DL4J's layer helpers").isFalse();
        assertThat(Nd4j.getEnvironment().helpersAllowed()).isFalse();
        assertThat(info.summary()).contains("running the CUDA path (-Dvsgd.emulateCuda=true)");
        assertThat(Kernel.runnable()).containsExactly(Kernel.AUTO, Kernel.ND4J_OPS);
    }

    @Test
    void aForcedHostKernelIsRefusedWithTheSwitchAndTheFix() {
        VsgdUpdater vsgd = new VsgdUpdater(new Vsgd());
        assertThatThrownBy(() -> vsgd.setKernel(Kernel.VECTOR)).isInstanceOf(IllegalStateException.class)
                .hasMessage("vsgd.kernel=vector is a host kernel and cannot run on the emulated CUDA path "
                        + "(-Dvsgd.emulateCuda=true): its writes would go to a host copy the device never sees; "
                        + "use vsgd.kernel=auto or ops");
        TorchAdamUpdater adam = new TorchAdamUpdater(new TorchAdam(0.01, null, 0.9, 0.999, 1e-8));
        assertThatThrownBy(() -> adam.setKernel(Kernel.SCALAR)).hasMessageStartingWith(
                "TorchAdamUpdater.setKernel=scalar is a host kernel and cannot run on the emulated CUDA path");

        assertThatThrownBy(() -> Variant.parse(VsgdUpdater.KERNEL_PROPERTY + "=scalar")
                .apply(() -> new Vsgd().instantiate(Nd4j.create(DataType.FLOAT, 1, 13), true)))
                .hasMessageStartingWith("vsgd.kernel=scalar is a host kernel");
    }

    @Test
    void everyOptimizerStepsThroughNd4jOps() {
        for (var updater : List.of(new Vsgd(), new TorchAdam(0.01, null, 0.9, 0.999, 1e-8))) {
            var u = (dev.vsgdsuite.vsgd.BlockUpdater<?>) updater.instantiate(
                    Nd4j.create(DataType.FLOAT, 1, updater.stateSize(64)), true);
            u.applyUpdater(Nd4j.rand(DataType.FLOAT, 1, 64), 0, 0);
            assertThat(u.kernelInUse()).as(updater.toString()).isEqualTo(Kernel.ND4J_OPS);
        }
    }

    @Test
    void aPaperNetworkHasNoHostLayersAndNoHelpers() {
        RunConfig c = Experiment.resolve(List.of("experiment=cifar100_convmixer", "dataset=cifar100_fixture",
                "model.dim=16", "model.depth=2"));
        ComputationGraph graph = Networks.build(Experiment.network(c), 0,
                conf -> Optimizers.configure(conf, c.optimizer(), c.scheduler()));
        try {
            assertThat(FastLayers.install(graph)).isZero();
            for (Layer layer : graph.getLayers()) {
                assertThat(layer.getHelper()).as(layer.conf().getLayer().getLayerName()).isNull();
            }
            assertThat(ExactGelu.fused(Nd4j.rand(DataType.FLOAT, 64))).as("GELU's SIMD pass").isFalse();
        } finally {
            graph.close();
        }
    }
}
