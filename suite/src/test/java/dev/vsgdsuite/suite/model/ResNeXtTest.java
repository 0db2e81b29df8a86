package dev.vsgdsuite.suite.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

import dev.vsgdsuite.suite.bench.Variant;
import dev.vsgdsuite.suite.layers.GroupedConvolutionImpl;
import dev.vsgdsuite.suite.layers.ChannelSubsetVertex;
import dev.vsgdsuite.suite.layers.GroupedConvolution;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ResNeXt's grouped convolutions in either form ({@code -Dsuite.groupedConv}): the authors' parameter
 * count, and PyTorch's He-normal fan-out initialisation, std √(2/(9·D)) with D the convolution's
 * channels (all groups), which the slice form reaches by counting out/cardinality·cardinality.
 */
class ResNeXtTest {

    /** The paper's ResNeXt-18 on CIFAR-100 (ParameterCountTest pins the same count for the default form). */
    static final ResNeXt PAPER = new ResNeXt(8, 18, 4, 64, 3, 32, 32, 100);
    /** Base width 8: grouped convolutions of D = 64, 128, 256 channels, 8 groups. */
    static final ResNeXt NARROW = new ResNeXt(8, 18, 4, 8, 3, 32, 32, 100);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"layer", "slices"})
    void eitherFormHasTheAuthorsParameterCount(String form) {
        ComputationGraph net = withForm(form, () -> PAPER.build(1));
        assertThat(TrainableParameters.count(net)).isEqualTo(11_086_756L);
        net.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"layer", "slices"})
    void groupedConvolutionsGetPyTorchsFanOutStd(String form) {
        ComputationGraph net = withForm(form, () -> NARROW.build(7));
        int[] widths = {64, 128, 256};
        for (int s = 0; s < 3; s++) {
            String name = "s" + (s + 1) + "b0_group";
            List<INDArray> weights = form.equals("layer") ? List.of(net.getLayer(name).getParam("W"))
                    : java.util.stream.IntStream.range(0, 8).mapToObj(k -> net.getLayer(name + k).getParam("W")).toList();
            if (form.equals("layer")) {
                assertThat(net.getLayer(name)).isInstanceOf(GroupedConvolutionImpl.class);
                assertThat(weights.get(0).shape()).containsExactly(widths[s], widths[s] / 8, 3, 3);
            } else {
                assertThat(net.getConfiguration().getVertices().get(name + "0_in")).isInstanceOf(ChannelSubsetVertex.class);
            }
            INDArray all = Nd4j.concat(0, weights.stream().map(w -> w.reshape(w.length())).toArray(INDArray[]::new))
                    .castTo(DataType.DOUBLE);
            double expected = Math.sqrt(2.0 / (9.0 * widths[s]));
            // 9·D²/8 ≥ 4,608 draws: the sample std is within a few percent of the true one.
            assertThat(all.stdNumber().doubleValue()).as("%s std", name).isCloseTo(expected, Offset.offset(0.05 * expected));
            assertThat(all.meanNumber().doubleValue()).as("%s mean", name).isCloseTo(0, Offset.offset(0.05 * expected));
        }
        net.close();
    }

    /** The training determinism guarantee holds with the grouped-convolution layer: same seed, same numbers. */
    @org.junit.jupiter.api.Test
    void sameSeedGivesIdenticalParametersAfterTrainingSteps() {
        ResNeXt tiny = new ResNeXt(8, 11, 4, 4, 3, 16, 16, 10);
        INDArray x = Nd4j.rand(13L, new long[] {8, 3, 16, 16}).castTo(DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        float[][] params = new float[2][];
        for (int run = 0; run < 2; run++) {
            ComputationGraph net = withForm("layer", () -> Networks.build(tiny, 5, conf -> conf.getVertices().values()
                    .forEach(v -> {
                        if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                                && lv.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer l) {
                            l.setIUpdater(new org.nd4j.linalg.learning.config.Sgd(0.1));
                        }
                    })));
            for (int step = 0; step < 3; step++) {
                net.fit(new org.nd4j.linalg.dataset.DataSet(x.dup(), y.dup()));
            }
            params[run] = net.params().toFloatVector();
            net.close();
        }
        assertThat(params[1]).containsExactly(params[0]);
    }

    private static <T> T withForm(String form, Supplier<T> build) {
        return new Variant(GroupedConvolution.PROPERTY, form).apply(build);
    }
}
