package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark summary on a real JMH result (a short UpdaterStep run on the 2-core development
 * machine, kept as {@code bench/updaterstep-sample.json}; see the README's Performance section).
 */
class BenchSummaryTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryResultOfAJmhRun() throws Exception {
        List<BenchSummary.Row> rows = BenchSummary.read(sample());
        assertThat(rows).hasSize(18);
        BenchSummary.Row first = rows.get(0);
        assertThat(first.benchmark()).isEqualTo("UpdaterStep.step");
        assertThat(first.params()).containsOnlyKeys("size", "updater");
        assertThat(first.unit()).isEqualTo("ms/op");
        assertThat(first.optimizer()).isEqualTo(first.params().get("updater"));
        assertThat(rows).allSatisfy(r -> assertThat(r.score()).isPositive());
    }

    @Test
    void throughputIsTheBytesEachUpdaterMustMoveOverTheTime() throws Exception {
        BenchSummary.Row vsgd = row("vsgd", "10000000");
        assertThat(BenchSummary.gigabytesPerSecond(vsgd))
                .isCloseTo(36 * 1e7 / (vsgd.score() / 1e3) / 1e9, within(1e-9));
        BenchSummary.Row adam = row("adam", "10000000");
        assertThat(BenchSummary.gigabytesPerSecond(adam))
                .isCloseTo(24 * 1e7 / (adam.score() / 1e3) / 1e9, within(1e-9));
    }

    @Test
    void ratiosAreToAdamAtTheSameSize() throws Exception {
        List<BenchSummary.Row> rows = BenchSummary.read(sample());
        for (String size : new String[] {"100000", "1000000", "10000000"}) {
            BenchSummary.Row vsgd = row("vsgd", size);
            assertThat(BenchSummary.ratioToBaseline(vsgd, rows)).isCloseTo(vsgd.score() / row("adam", size).score(),
                    within(1e-12));
            assertThat(BenchSummary.ratioToBaseline(row("adam", size), rows)).isEqualTo(1.0);
        }
    }

    @Test
    void theTableHasARowPerResultWithItsRatio() throws Exception {
        String table = BenchSummary.markdown(BenchSummary.read(sample()));
        assertThat(table.lines()).hasSize(2 + 18);
        assertThat(table).startsWith("| benchmark | size | updater | time | ± (99.9 %) | GB/s | vs adam |");
        assertThat(table).contains("| UpdaterStep.step | 10000000 | adam | ").contains("| 1.00× |");
    }

    /** The current UpdaterStep: the stream floor is its own method, without the updater parameter. */
    @Test
    void theStreamFloorMethodGetsItsBytesAndItsRatioToAdamAtTheSameSize() throws IOException {
        Path run = Files.writeString(dir.resolve("floor.json"), "["
                + result("UpdaterStep.step", "{\"size\": \"1000\", \"updater\": \"adam\"}", 4.0) + ", "
                + result("UpdaterStep.step", "{\"size\": \"1000\", \"updater\": \"adamw\"}", 5.0) + ", "
                + result("UpdaterStep.streamFloor", "{\"size\": \"1000\"}", 2.0) + ", "
                + result("UpdaterStep.streamFloor", "{\"size\": \"2000\"}", 3.0) + "]");
        List<BenchSummary.Row> rows = BenchSummary.read(run);
        BenchSummary.Row floor = rows.get(2);
        assertThat(floor.benchmark()).isEqualTo("UpdaterStep.streamFloor");
        assertThat(floor.optimizer()).isNull();
        assertThat(BenchSummary.gigabytesPerSecond(floor)).isCloseTo(32 * 1000 / (2.0 / 1e3) / 1e9, within(1e-12));
        assertThat(BenchSummary.gigabytesPerSecond(rows.get(1))).as("AdamW moves 36 bytes per parameter")
                .isCloseTo(36 * 1000 / (5.0 / 1e3) / 1e9, within(1e-12));
        assertThat(BenchSummary.ratioToBaseline(floor, rows)).isEqualTo(0.5);
        assertThat(BenchSummary.ratioToBaseline(rows.get(3), rows)).as("no Adam at that size").isNaN();
        String table = BenchSummary.markdown(rows);
        assertThat(table).startsWith("| benchmark | size | updater | time |")
                .contains("| UpdaterStep.streamFloor | 1000 |  | 2.000 ms/op | 0.100 | 0.0 | 0.50× |")
                .contains("| UpdaterStep.streamFloor | 2000 |  | 3.000 ms/op | 0.100 | 0.0 | – |");
    }

    private static String result(String benchmark, String params, double score) {
        return "{\"benchmark\": \"dev.vsgdsuite.suite.bench." + benchmark + "\", \"params\": " + params
                + ", \"primaryMetric\": {\"score\": " + score + ", \"scoreError\": 0.1, \"scoreUnit\": \"ms/op\"}}";
    }

    @Test
    void aSingleIterationRunHasNoErrorBarAndSaysSo() throws IOException {
        Path one = Files.writeString(dir.resolve("one.json"), "[{\"benchmark\": \"x.UpdaterStep.step\", "
                + "\"params\": {\"size\": \"100\", \"updater\": \"adam\"}, "
                + "\"primaryMetric\": {\"score\": 2.0, \"scoreError\": \"NaN\", \"scoreUnit\": \"ms/op\"}}]");
        assertThat(BenchSummary.markdown(BenchSummary.read(one)))
                .contains("| UpdaterStep.step | 100 | adam | 2.000 ms/op | – | 0.0 | 1.00× |");
    }

    @Test
    void aFileThatIsNotAJmhResultIsNamedWithTheFix() throws IOException {
        Path text = Files.writeString(dir.resolve("bench.txt"), "Benchmark  Mode  Cnt  Score\n");
        assertThatThrownBy(() -> BenchSummary.read(text))
                .hasMessageContaining(text.toString()).hasMessageContaining("-rf json -rff");
        Path object = Files.writeString(dir.resolve("object.json"), "{\"benchmark\": \"x\"}");
        assertThatThrownBy(() -> BenchSummary.read(object))
                .hasMessageContaining(object.toString()).hasMessageContaining("JSON array");
        Path noScore = Files.writeString(dir.resolve("noscore.json"), "[{\"benchmark\": \"a.B.c\"}]");
        assertThatThrownBy(() -> BenchSummary.read(noScore))
                .hasMessageContaining("entry 0").hasMessageContaining("primaryMetric.score");
    }

    private static BenchSummary.Row row(String updater, String size) throws Exception {
        return BenchSummary.read(sample()).stream()
                .filter(r -> r.optimizer().equals(updater) && r.params().get("size").equals(size))
                .findFirst().orElseThrow();
    }

    private static Path sample() throws URISyntaxException {
        return Path.of(BenchSummaryTest.class.getResource("/bench/updaterstep-sample.json").toURI());
    }
}
