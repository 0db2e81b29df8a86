package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare FILE.csv}: runs made anywhere judged by the suite's sequential rule, one JSON line per look. */
class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void eachBaselineGetsItsLooksUpToTheDecidingOne() throws IOException {
        StringBuilder csv = new StringBuilder("sequence,seed,optimizer,accuracy\n");
        for (int s = 0; s < 8; s++) {
            csv.append("demo,").append(s).append(",vsgd,").append(0.85 + 0.001 * (s % 2)).append('\n');
            csv.append("demo,").append(s).append(",adam,").append(0.80 + 0.001 * (s % 3)).append('\n');
            csv.append("demo,").append(s).append(",sgd,").append(0.85 + 0.02 * (s % 2 == 0 ? 1 : -1)).append('\n');
        }
        Path file = dir.resolve("runs.csv");
        Files.writeString(file, csv);
        Cli.Outcome o = Cli.run("compare", file.toString(), "--looks", "3,5,8");
        assertThat(o.code()).as(o.err()).isZero();
        List<JsonNode> lines = lines(o.out());
        List<JsonNode> adam = lines.stream().filter(l -> l.get("baseline").asText().equals("adam")).toList();
        assertThat(adam).extracting(l -> l.get("outcome").asText()).endsWith("reproduced");
        assertThat(adam.get(adam.size() - 1).get("p_improvement").asDouble()).isEqualTo(1.0);
        List<JsonNode> sgd = lines.stream().filter(l -> l.get("baseline").asText().equals("sgd")).toList();
        assertThat(sgd).extracting(l -> l.get("seeds").asInt()).containsExactly(3, 5, 8);
        assertThat(sgd.get(2).get("outcome").asText()).isEqualTo("inconclusive");
        assertThat(sgd.get(2).get("rci_low").asDouble()).isNegative();
        assertThat(sgd.get(2).get("rci_high").asDouble()).isPositive();
    }

    @Test
    void aSequenceShorterThanTheFirstLookSaysSo() throws IOException {
        Path file = dir.resolve("short.csv");
        Files.writeString(file, "sequence,seed,optimizer,accuracy\nx,0,vsgd,0.5\nx,0,adam,0.4\n");
        Cli.Outcome o = Cli.run("compare", file.toString(), "--looks", "3,5");
        assertThat(lines(o.out())).singleElement().satisfies(l -> {
            assertThat(l.get("outcome").asText()).isEqualTo("continue");
            assertThat(l.get("reason").asText()).contains("1 paired seeds, fewer than the first look's 3");
        });
    }

    @Test
    void aBadFileIsBadInputNamingTheLine() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "sequence,seed,optimizer,accuracy\nx,0,vsgd,85.1\n");
        Cli.Outcome o = Cli.run("compare", file.toString());
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.err()).contains("bad.csv, line 2: accuracy 85.1 is outside [0, 1]");
        assertThat(Cli.run("compare", file.toString(), "--looks", "5,3").code()).isEqualTo(ExitCode.USAGE.code());
    }

    /** A benchmark, not an assertion on time: thousands of sequences, printed with the seconds they took. */
    @Test
    void thousandsOfSequencesAreJudgedInOneCall() throws IOException {
        int sequences = 5000;
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("sequence,seed,optimizer,accuracy\n");
        for (int q = 0; q < sequences; q++) {
            for (int s = 0; s < 20; s++) {
                csv.append('q').append(q).append(',').append(s).append(",vsgd,").append(0.8 + 0.02 * random.nextDouble()).append('\n');
                csv.append('q').append(q).append(',').append(s).append(",adam,").append(0.8 + 0.02 * random.nextDouble()).append('\n');
            }
        }
        Path file = dir.resolve("many.csv");
        Files.writeString(file, csv);
        long start = System.nanoTime();
        Cli.Outcome o = Cli.run("compare", file.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("compare: %d sequences of 20 seeds in %.2f s%n", sequences, seconds);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(lines(o.out()).stream().map(l -> l.get("sequence").asText()).distinct().count()).isEqualTo(sequences);
    }

    private static List<JsonNode> lines(String out) throws IOException {
        ObjectMapper m = new ObjectMapper();
        return out.lines().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return m.readTree(l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }
}
