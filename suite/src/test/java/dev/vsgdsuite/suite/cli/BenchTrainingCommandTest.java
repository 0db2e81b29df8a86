package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench-training's arguments and its PyTorch input: every error before any timing, one message naming
 * the option or file; and one tiny run (batch 2, 1 warm-up and 2 measured rounds of the demo network)
 * through to the tables and the JSON lines. No time is asserted.
 */
class BenchTrainingCommandTest {

    @TempDir
    Path dir;

    static String torchLine(String optimizer, int batch, long parameters, double median) {
        return torchLine("demo", optimizer, batch, parameters, median);
    }

    static String torchLine(String network, String optimizer, int batch, long parameters, double median) {
        return String.format(Locale.ROOT, "{\"impl\": \"pytorch\", \"network\": \"%s\", \"optimizer\": \"%s\", "
                + "\"batch\": %d, \"parameters\": %d, \"warmup\": 1, \"rounds\": 2, \"median_ms\": %s, \"q1_ms\": %s, "
                + "\"q3_ms\": %s, \"threads\": 1, \"peak_rss_bytes\": 268435456}", network, optimizer, batch, parameters,
                median, median, median);
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheOption() {
        String[][] cases = {
                {"--networks", "demo,vgg19"}, {"--networks", "demo,demo"}, {"--rounds", "0"}, {"--warmup", "-1"},
                {"--batch", "0"}, {"--batch", "authors"}, {"--torch-threads", "2"},
                {"--torch", "t.jsonl", "--with-torch"}, {"--with-torch", "--optimizers", "vsgd"},
                {"--json", "/no/such/folder/out.jsonl"}, {"--variant", "suite.convCache"},
                {"--variant", "=false"}, {"--jfr", "/no/such/folder/p.jfr"},
                {"--networks", "demo,resnext18-tiny", "--with-torch"}};
        String[] expected = {"unknown network 'vgg19'", "named twice", "--rounds 0", "--warmup -1", "--batch 0",
                "--batch authors", "--torch-threads applies to --with-torch only", "mutually exclusive",
                "has none PyTorch's script times", "--json /no/such/folder/out.jsonl",
                "--variant 'suite.convCache': give PROPERTY=VALUE", "--variant '=false': give PROPERTY=VALUE",
                "--jfr /no/such/folder/p.jfr", "PyTorch's script has no resnext18-tiny"};
        for (int i = 0; i < cases.length; i++) {
            Cli.Outcome o = Cli.run(concat("bench-training", cases[i]));
            assertThat(o.code()).as(String.join(" ", cases[i])).isEqualTo(ExitCode.USAGE.code());
            assertThat(o.err()).as(String.join(" ", cases[i])).contains(expected[i]).doesNotContain("\tat ");
        }
    }

    @Test
    void aMissingOrMalformedTorchFileIsBadInputNamingIt() throws Exception {
        Path missing = dir.resolve("none.jsonl");
        Cli.Outcome o = Cli.run("bench-training", "--torch", missing.toString());
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.errLines()).isEqualTo(1);
        assertThat(o.err()).contains(missing.toString()).contains("tools/torch_reference.py >");
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), torchLine("adam", 32, 2266, 10) + "\nnot json\n");
        o = Cli.run("bench-training", "--torch", bad.toString());
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.errLines()).isEqualTo(1);
        assertThat(o.err()).contains(bad + " line 2 is not JSON");
    }

    @Test
    void aTorchFileOfAnotherBatchOrNetworkFailsBeforeAnyTiming() throws Exception {
        Path otherBatch = Files.writeString(dir.resolve("b.jsonl"), torchLine("adam", 16, 2266, 10));
        Cli.Outcome o = Cli.run("bench-training", "--torch", otherBatch.toString());
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.err()).contains("PyTorch timed demo at batch 16, the suite at batch 32");
        assertThat(o.out()).isEmpty();
        Path otherNetwork = Files.writeString(dir.resolve("n.jsonl"), torchLine("adam", 32, 2267, 10));
        o = Cli.run("bench-training", "--torch", otherNetwork.toString());
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.err()).contains("PyTorch's demo has 2267 trainable parameters, the suite's 2266");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void batchExperimentIsEachExperimentsTrainingBatch() throws Exception {
        Path torch = Files.writeString(dir.resolve("c.jsonl"), torchLine("convmixer256", "adam", 32, 617_316, 10));
        Cli.Outcome o = Cli.run("bench-training", "--networks", "convmixer256", "--batch", "experiment",
                "--torch", torch.toString());
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.err()).contains("PyTorch timed convmixer256 at batch 32, the suite at batch 256");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void aTinyRunPrintsBothTablesAndWritesEveryTimingAsJson() throws Exception {
        Path torch = Files.writeString(dir.resolve("t.jsonl"),
                torchLine("adam", 2, 2266, 1.25) + "\n" + torchLine("sgd", 2, 2266, 2.5) + "\n");
        Path json = dir.resolve("all.jsonl");
        Cli.Outcome o = Cli.run("bench-training", "--networks", "demo", "--batch", "2", "--warmup", "1", "--rounds", "2",
                "--torch", torch.toString(), "--json", json.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.DONE.code());
        List<String> lines = Files.readAllLines(json, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode suiteAdam = null;
        for (String line : lines) {
            JsonNode n = mapper.readTree(line);
            assertThat(n.get("network").asText()).isEqualTo("demo");
            assertThat(n.get("batch").asInt()).isEqualTo(2);
            assertThat(n.get("parameters").asLong()).isEqualTo(2266);
            if (n.get("impl").asText().equals("vsgd-suite") && n.get("optimizer").asText().equals("adam")) {
                suiteAdam = n;
            }
        }
        assertThat(lines.stream().filter(l -> l.contains("\"vsgd-suite\""))).hasSize(3);
        assertThat(suiteAdam).isNotNull();
        assertThat(suiteAdam.get("rounds").asInt()).isEqualTo(2);
        assertThat(suiteAdam.get("peak_rss_bytes").asLong()).isPositive();
        double ratio = suiteAdam.get("median_ms").asDouble() / 1.25;
        assertThat(o.out()).contains("| network | parameters | batch | optimizer | suite ms (IQR) | PyTorch ms (IQR)")
                .contains(String.format(Locale.ROOT, "| 1.25 (1.25–1.25) | %.2f× |", ratio))
                .contains("VSGD/Adam per round: interquartile range")
                .containsPattern("\\| demo \\| [0-9.]+× \\| [0-9.]+–[0-9.]+ \\| [0-9,]+ MiB \\| 256 MiB \\|");
    }

    @Test
    void aVariantTakesTurnsWithTheDefaultAndTheProfileSaysWhereTheTimeWent() throws Exception {
        Path profile = dir.resolve("p.jfr");
        Cli.Outcome o = Cli.run("bench-training", "--networks", "demo", "--batch", "2", "--warmup", "1", "--rounds", "3",
                "--optimizers", "adam", "--variant", "suite.convCache=false", "--jfr", profile.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.DONE.code());
        assertThat(o.out()).containsPattern("\\| demo \\| 2,266 \\| 2 \\| adam \\| [0-9.]+ ")
                .containsPattern("\\| demo \\| 2,266 \\| 2 \\| adam \\[suite.convCache=false\\] \\| [0-9.]+ ")
                .contains("Where the time goes in demo").contains("| where | share | ms per iteration |");
        assertThat(dir.resolve("p-demo.jfr")).isRegularFile();
        assertThat(System.getProperty("suite.convCache")).as("the switch is put back").isNull();
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
