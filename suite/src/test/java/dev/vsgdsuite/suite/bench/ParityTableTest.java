package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The side-by-side tables from given numbers: suite/PyTorch per network and optimizer, VSGD/Adam, memory. */
class ParityTableTest {

    static IterationTiming suite(String network, String optimizer, long parameters, double median, int threads) {
        return new IterationTiming(IterationTiming.SUITE, network, optimizer, 32, parameters, 1, 3, median, median - 1,
                median + 1, threads, 3L << 30);
    }

    static IterationTiming torch(String network, String optimizer, int batch, long parameters, double median) {
        return new IterationTiming(IterationTiming.PYTORCH, network, optimizer, batch, parameters, 1, 3, median,
                median - 0.5, median + 0.5, 2, 512L << 20);
    }

    static PairedTrainingIterations.Result demo() {
        Map<String, IterationTiming> t = new LinkedHashMap<>();
        t.put("vsgd", suite("demo", "vsgd", 2266, 27.0, 2));
        t.put("adam", suite("demo", "adam", 2266, 25.0, 2));
        t.put("sgd", suite("demo", "sgd", 2266, 24.0, 2));
        return new PairedTrainingIterations.Result(BenchNetwork.DEMO, "convmixer_16_4_k3_p2", t, 27.0 / 25.0, 1.01, 1.12,
                0, true, null);
    }

    static PairedTrainingIterations.Result vggAdamOnly() {
        return new PairedTrainingIterations.Result(BenchNetwork.VGG16, "vgg16_bn",
                Map.of("adam", suite("vgg16", "adam", 14_774_436, 900.0, 2)), Double.NaN, Double.NaN, Double.NaN, 0, true, null);
    }

    @Test
    void suiteOverPyTorchIsTheRatioOfMediansPerOptimizer() {
        String table = ParityTable.markdown(List.of(demo()), List.of(torch("demo", "adam", 32, 2266, 10.0),
                torch("demo", "sgd", 32, 2266, 8.0)));
        assertThat(table).contains("| demo | 2,266 | 32 | adam | 25.00 (24.00–26.00) | 10.00 (9.50–10.50) | 2.50× |")
                .contains("| demo | 2,266 | 32 | sgd | 24.00 (23.00–25.00) | 8.00 (7.50–8.50) | 3.00× |")
                .contains("| demo | 2,266 | 32 | vsgd | 27.00 (26.00–28.00) | – | – |");
        assertThat(ParityTable.ratio(suite("demo", "adam", 2266, 25.0, 2), torch("demo", "adam", 32, 2266, 10.0)))
                .isEqualTo(2.5);
    }

    @Test
    void vsgdOverAdamAndPeakMemoryPerNetwork() {
        String table = ParityTable.markdown(List.of(demo(), vggAdamOnly()), List.of(torch("demo", "adam", 32, 2266, 10.0)));
        assertThat(table).contains("| demo | 1.080× | 1.010–1.120 | 3,072 MiB | 512 MiB |")
                .contains("| vgg16 | – | – | 3,072 MiB | – |")
                .contains("| vgg16 | 14,774,436 | 32 | adam | 900.00 (899.00–901.00) | – | – |");
    }

    @Test
    void withoutPyTorchTheSuitesTimesStandAlone() {
        String table = ParityTable.markdown(List.of(demo()), List.of());
        assertThat(table).contains("| demo | 2,266 | 32 | adam | 25.00 (24.00–26.00) | – | – |")
                .contains("Threads: suite 2.").doesNotContain("PyTorch 2");
    }

    @Test
    void differingThreadCountsAreFlagged() {
        Map<String, IterationTiming> t = new LinkedHashMap<>();
        t.put("adam", suite("demo", "adam", 2266, 25.0, 1));
        var oneThread = new PairedTrainingIterations.Result(BenchNetwork.DEMO, "m", t, Double.NaN, Double.NaN, Double.NaN,
                0, true, null);
        assertThat(ParityTable.markdown(List.of(oneThread), List.of(torch("demo", "adam", 32, 2266, 10.0))))
                .contains("Threads: suite 1, PyTorch 2 (they differ: give the script --threads N");
        assertThat(ParityTable.markdown(List.of(demo()), List.of(torch("demo", "adam", 32, 2266, 10.0))))
                .contains("Threads: suite 2, PyTorch 2.").doesNotContain("differ");
    }

    @Test
    void anotherBatchOrAnotherNetworkIsRefusedNamingBoth() {
        List<ParityTable.Shape> shapes = List.of(demo().shape());
        assertThatThrownBy(() -> ParityTable.checkComparable(shapes, List.of(torch("demo", "adam", 16, 2266, 10)), "t.jsonl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t.jsonl: PyTorch timed demo at batch 16, the suite at batch 32");
        assertThatThrownBy(() -> ParityTable.checkComparable(shapes, List.of(torch("demo", "sgd", 32, 2265, 10)), "t.jsonl"))
                .hasMessageContaining("PyTorch's demo has 2265 trainable parameters, the suite's 2266");
        // a network only PyTorch timed is not compared
        ParityTable.checkComparable(shapes, List.of(torch("vgg16", "adam", 256, 1, 10)), "t.jsonl");
    }
}
