package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The JSON lines of tools/torch_reference.py as bench-training reads them, and its errors. */
class IterationTimingTest {

    /** A line as the script prints it (field order and extra fields included). */
    static final String DEMO_ADAM = "{\"impl\": \"pytorch\", \"network\": \"demo\", \"optimizer\": \"adam\", \"batch\": 32, "
            + "\"input\": [1, 28, 28], \"classes\": 10, \"parameters\": 2266, \"warmup\": 100, \"rounds\": 300, "
            + "\"median_ms\": 10.5, \"q1_ms\": 9.75, \"q3_ms\": 12.25, \"threads\": 2, \"torch\": \"1.13.0a0\", "
            + "\"peak_rss_bytes\": 261464064, \"peak_rss_since_network\": true, \"loss_sum\": 13.4}";

    static String line(String network, String optimizer, int batch, long parameters, double median) {
        return new IterationTiming(IterationTiming.PYTORCH, network, optimizer, batch, parameters, 1, 2, median,
                median * 0.9, median * 1.1, 2, null).toJsonLine();
    }

    @Test
    void readsTheScriptsLinesSkippingBlankAndCommentLines() throws IOException {
        List<IterationTiming> t = IterationTiming.parsePyTorch(List.of("# torch 1.13", DEMO_ADAM, "",
                line("vgg16", "sgd", 32, 14_774_436, 339.0)), "torch.jsonl");
        assertThat(t).hasSize(2);
        IterationTiming demo = t.get(0);
        assertThat(demo.network()).isEqualTo("demo");
        assertThat(demo.optimizer()).isEqualTo("adam");
        assertThat(demo.batch()).isEqualTo(32);
        assertThat(demo.parameters()).isEqualTo(2266);
        assertThat(demo.rounds()).isEqualTo(300);
        assertThat(demo.medianMs()).isEqualTo(10.5);
        assertThat(demo.q1Ms()).isEqualTo(9.75);
        assertThat(demo.q3Ms()).isEqualTo(12.25);
        assertThat(demo.threads()).isEqualTo(2);
        assertThat(demo.peakRssBytes()).isEqualTo(261_464_064L);
        assertThat(t.get(1).peakRssBytes()).isNull();
        assertThat(t.get(1).medianMs()).isEqualTo(339.0);
    }

    @Test
    void aWrittenLineReadsBackAsTheSameTiming() throws IOException {
        IterationTiming t = new IterationTiming(IterationTiming.PYTORCH, "resnext18", "sgd", 128, 11_086_756, 3, 20,
                3749.25, 3700.5, 3800.125, 1, 5_000_000_000L);
        assertThat(IterationTiming.parsePyTorch(List.of(t.toJsonLine()), "x")).containsExactly(t);
    }

    @Test
    void eachBadLineIsNamedWithItsFieldAndTheFix() {
        String noMedian = DEMO_ADAM.replace("\"median_ms\": 10.5, ", "");
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of("", noMedian), "t.jsonl"))
                .isInstanceOf(IOException.class).hasMessageContaining("t.jsonl line 2")
                .hasMessageContaining("'median_ms' is missing");
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of("median 10 ms"), "t.jsonl"))
                .hasMessageContaining("t.jsonl line 1 is not JSON").hasMessageContaining("torch_reference.py");
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of("[1, 2]"), "t.jsonl"))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of(DEMO_ADAM.replace("\"demo\"", "\"vgg19\"")), "t.jsonl"))
                .hasMessageContaining("unknown network 'vgg19'").hasMessageContaining("demo, vgg16, convmixer256, resnext18");
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of(DEMO_ADAM.replace("\"batch\": 32", "\"batch\": 0")), "t"))
                .hasMessageContaining("'batch' is 0, expected an integer >= 1");
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of(DEMO_ADAM.replace("\"batch\": 32", "\"batch\": 32.5")), "t"))
                .hasMessageContaining("'batch' is 32.5");
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of(DEMO_ADAM.replace("10.5", "-1")), "t"))
                .hasMessageContaining("'median_ms' is -1");
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of(DEMO_ADAM.replace("9.75", "11")), "t"))
                .hasMessageContaining("q1_ms 11.0 <= median_ms 10.5");
    }

    @Test
    void theSuitesOwnLinesAreRefusedAsPyTorchs() {
        String suite = DEMO_ADAM.replace("\"pytorch\"", "\"vsgd-suite\"");
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of(suite), "mine.jsonl"))
                .hasMessageContaining("impl is 'vsgd-suite'").hasMessageContaining("bench-training --json");
    }

    @Test
    void aRepeatedNetworkAndOptimizerOrAnEmptyFileIsRefused() {
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of(DEMO_ADAM, DEMO_ADAM), "t.jsonl"))
                .hasMessageContaining("t.jsonl line 2 repeats network demo with adam (line 1)");
        assertThatThrownBy(() -> IterationTiming.parsePyTorch(List.of("", "# nothing"), "t.jsonl"))
                .hasMessageContaining("t.jsonl holds no timings");
    }
}
