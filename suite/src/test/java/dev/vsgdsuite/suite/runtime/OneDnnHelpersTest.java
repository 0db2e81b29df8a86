package dev.vsgdsuite.suite.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsgdsuite.suite.runtime.ConvBnNet;
import dev.vsgdsuite.suite.runtime.RuntimeInfo;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.condition.EnabledIf;

/** The CPU runtime of every suite run: oneDNN built in, DL4J's oneDNN layer helpers attached. */
@EnabledIf(value = "dev.vsgdsuite.vsgd.HostArrays#hostKernels", disabledReason = "tests a host kernel or a CPU-only helper: runs on the CPU backend, not on CUDA or under -Dvsgd.emulateCuda=true")
class OneDnnHelpersTest {

    @Test
    void runtimeReportsTheOneDnnBuildAndHelpers() {
        RuntimeInfo info = Dl4jRuntime.init();
        assertThat(info.backend()).isEqualToIgnoringCase("CPU");
        assertThat(info.nativeBuild()).as("native library folder").contains("onednn");
        assertThat(info.oneDnn()).as("nd4j-native uses oneDNN").isTrue();
        assertThat(info.layerHelpers()).as("DL4J layer helpers enabled").isTrue();
        assertThat(info.summary()).contains("oneDNN on", "layer helpers on");
    }

    @Test
    void convolutionAndBatchNormGetTheirOneDnnHelperAndMatchThePlainPath() {
        Dl4jRuntime.init();
        ComputationGraph withHelpers = net();
        assertThat(withHelpers.getLayer("conv").getHelper()).isInstanceOf(MKLDNNConvHelper.class);
        assertThat(withHelpers.getLayer("bn").getHelper()).isInstanceOf(MKLDNNBatchNormHelper.class);

        ComputationGraph plain;
        System.setProperty(Dl4jRuntime.HELPERS_DISABLE, "true");
        try {
            plain = net();
        } finally {
            System.setProperty(Dl4jRuntime.HELPERS_DISABLE, "false");
        }
        assertThat(plain.getLayer("conv").getHelper()).isNull();
        plain.setParams(withHelpers.params().dup());

        INDArray x = Nd4j.rand(29L, new long[] {4, 3, 12, 12}).castTo(DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 5);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i % 5, 1f);
        }
        INDArray a = withHelpers.outputSingle(true, false, x.dup());
        INDArray b = plain.outputSingle(true, false, x.dup());
        assertThat(a.equalsWithEps(b, 1e-5)).as("oneDNN vs plain output, max |diff| %s",
                Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(a.sub(b))).getDouble(0)).isTrue();

        withHelpers.setInputs(x.dup());
        withHelpers.setLabels(y);
        withHelpers.computeGradientAndScore();
        plain.setInputs(x.dup());
        plain.setLabels(y);
        plain.computeGradientAndScore();
        assertThat(withHelpers.gradient().gradient().equalsWithEps(plain.gradient().gradient(), 1e-4)).isTrue();
    }

    private static ComputationGraph net() {
        return ConvBnNet.build(1, 12, Activation.RELU);
    }
}
