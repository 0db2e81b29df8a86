package dev.vsgdsuite.suite.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsgdsuite.suite.train.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim over an experiment's runs: rows per optimizer, one comparison per baseline, the published check. */
class ClaimCheckTest {

    static final Claims CLAIMS = new Claims(List.of("adam", "sgd"), 0.0, 0.015,
            Map.of("exp", Map.of("vsgd", 0.70, "sgd", 0.68)));

    static RunRecord run(String optimizer, long seed, Double accuracy) {
        return run(optimizer, seed, accuracy, Path.of("/nowhere", optimizer + seed));
    }

    static RunRecord run(String optimizer, long seed, Double accuracy, Path dir) {
        ObjectNode r = Json.LINE.createObjectNode();
        r.put("experiment", "exp");
        r.put("dataset", "d");
        r.put("model", "m");
        r.put("optimizer", optimizer);
        r.put("seed", seed);
        r.put("diverged", accuracy == null);
        if (accuracy == null) {
            r.putNull("test_accuracy");
        } else {
            r.put("test_accuracy", accuracy);
        }
        r.put("ms_per_iter", optimizer.equals("vsgd") ? 11.0 : 10.0);
        return new RunRecord(dir, r, List.of());
    }

    static List<RunRecord> runs(double[] vsgd, double[] adam, double[] sgd) {
        List<RunRecord> out = new ArrayList<>();
        for (int i = 0; i < vsgd.length; i++) {
            out.add(run("vsgd", i, vsgd[i]));
            out.add(run("adam", i, adam[i]));
            out.add(run("sgd", i, sgd[i]));
        }
        return out;
    }

    @Test
    void reproducedWhenEveryPairedIntervalLiesAboveTheMargin() {
        ClaimCheck.Outcome o = ClaimCheck.check("exp", runs(new double[] {0.70, 0.71, 0.705}, new double[] {0.66, 0.67, 0.668},
                new double[] {0.68, 0.685, 0.69}), CLAIMS);
        assertThat(o.verdict()).as(o.summary()).isEqualTo(Verdict.REPRODUCED);
        assertThat(o.comparisons()).extracting(Comparison::baseline).containsExactly("adam", "sgd");
        assertThat(o.comparisons()).allMatch(Comparison::paired);
        assertThat(o.rows().get("vsgd").mean()).isCloseTo(0.705, within(1e-12));
        assertThat(o.publishedMisses()).isEmpty();
        assertThat(ClaimTables.optimizers(o)).contains("| vsgd | 70.50 % ± 0.50 | 3 | s0 70.00, s1 71.00, s2 70.50 | 0 | 70.0 % | +0.50 | 11.0 | 1.10× |");
        assertThat(ClaimTables.comparisons(o)).contains("| adam | 3 | paired t | +3.90 | [+3.47, +4.33] |").contains("| reproduced | – |");
    }

    @Test
    void contradictedWhenABaselineIsClearlyAhead() {
        ClaimCheck.Outcome o = ClaimCheck.check("exp", runs(new double[] {0.60, 0.61, 0.62}, new double[] {0.67, 0.675, 0.69},
                new double[] {0.50, 0.51, 0.50}), CLAIMS);
        assertThat(o.verdict()).isEqualTo(Verdict.CONTRADICTED);
        assertThat(o.comparisons().get(0).verdict()).isEqualTo(Verdict.CONTRADICTED);
        assertThat(o.comparisons().get(1).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(o.summary()).contains("vs adam: contradicted");
    }

    @Test
    void aPublishedValueMissIsItsOwnCheckNotTheVerdict() {
        ClaimCheck.Outcome o = ClaimCheck.check("exp", runs(new double[] {0.75, 0.76, 0.755}, new double[] {0.66, 0.67, 0.668},
                new double[] {0.60, 0.61, 0.605}), CLAIMS);
        assertThat(o.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(o.publishedMisses()).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("vsgd mean 0.7550").contains("published 0.700"))
                .anySatisfy(m -> assertThat(m).contains("sgd mean 0.6050"));
    }

    @Test
    void aDivergedRunCountsAsZeroAndAMissingBaselineLeavesItInconclusive() {
        List<RunRecord> rs = List.of(run("vsgd", 0, 0.70), run("vsgd", 1, null), run("adam", 0, 0.5), run("adam", 1, 0.5));
        ClaimCheck.Outcome o = ClaimCheck.check("exp", rs, CLAIMS);
        assertThat(o.rows().get("vsgd").mean()).isEqualTo(0.35);
        assertThat(o.rows().get("vsgd").diverged()).isEqualTo(1);
        assertThat(o.rows().get("vsgd").bySeed()).containsEntry(1L, 0.0);
        assertThat(o.missing()).containsExactly("sgd");
        assertThat(o.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(o.summary()).contains("no sgd runs");
        assertThat(ClaimTables.comparisons(o)).contains("| sgd | 0 | – | – | – | – | no runs | – |");
    }

    @Test
    void aSecondRunOfTheSameSeedIsNotASecondSeed() {
        List<RunRecord> rs = new ArrayList<>(runs(new double[] {0.70, 0.71}, new double[] {0.60, 0.61},
                new double[] {0.60, 0.61}));
        rs.add(run("vsgd", 1, 0.99, Path.of("/nowhere/again")));
        ClaimCheck.Outcome o = ClaimCheck.check("exp", rs, CLAIMS);
        assertThat(o.rows().get("vsgd").bySeed()).hasSize(2).containsEntry(1L, 0.71);
        assertThat(o.duplicates()).singleElement().asString().contains("exp · vsgd · seed 1").contains("/nowhere/again");
        assertThat(o.comparisons()).allMatch(c -> c.n() == 2 && c.paired());
    }

    @Test
    void seedsThatDoNotPairAreComparedWithWelchAndSaySo() {
        List<RunRecord> rs = List.of(run("vsgd", 0, 0.70), run("vsgd", 1, 0.72), run("vsgd", 2, 0.71),
                run("adam", 0, 0.65), run("adam", 1, 0.69), run("adam", 3, 0.66),
                run("sgd", 0, 0.65), run("sgd", 1, 0.69), run("sgd", 2, 0.66));
        ClaimCheck.Outcome o = ClaimCheck.check("exp", rs, CLAIMS);
        assertThat(o.comparisons().get(0).paired()).isFalse();
        assertThat(o.comparisons().get(1).paired()).isTrue();
        assertThat(ClaimTables.comparisons(o)).contains("| adam | 3 | Welch t |");
    }

    @Test
    void reportWritesResultsMarkdownAndJsonFromRunFoldersAlone(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        double[] vsgd = {0.70, 0.71, 0.705};
        double[] adam = {0.66, 0.67, 0.668};
        double[] sgd = {0.68, 0.685, 0.69};
        for (int s = 0; s < 3; s++) {
            writeRun(runs, run("vsgd", s, vsgd[s]));
            writeRun(runs, run("adam", s, adam[s]));
            writeRun(runs, run("sgd", s, sgd[s]));
        }
        Reports.write(List.of(new Reports.Section("mine", runs, "by hand")), CLAIMS, dir);
        JsonNode exp = Json.LINE.readTree(dir.resolve(Reports.JSON).toFile()).path("profiles").path("mine")
                .path("experiments").path("exp");
        assertThat(exp.path("verdict").asText()).isEqualTo("reproduced");
        JsonNode v = exp.path("optimizers").path("vsgd");
        assertThat(v.path("n").asInt()).isEqualTo(3);
        assertThat(v.path("seeds").toString()).isEqualTo("[0,1,2]");
        assertThat(v.path("accuracies").toString()).isEqualTo("[0.7,0.71,0.705]");
        assertThat(v.path("mean").asDouble()).isCloseTo(0.705, within(1e-12));
        assertThat(v.path("ms_per_iter").asDouble()).isEqualTo(11.0);
        JsonNode c = exp.path("comparisons").get(0);
        assertThat(c.path("baseline").asText()).isEqualTo("adam");
        assertThat(c.path("paired").asBoolean()).isTrue();
        assertThat(c.path("ci_low").asDouble()).isLessThan(c.path("difference").asDouble());
        assertThat(c.path("seeds_needed").isNull()).isTrue();
        String md = Files.readString(dir.resolve(Reports.MARKDOWN));
        assertThat(md).contains("## Profile `mine`").contains("by hand").contains("**Claim reproduced.**")
                .contains("| VSGD vs | n | test |");
        Path plot = dir.resolve("per-seed-mine-exp.png");
        assertThat(md).contains("](per-seed-mine-exp.png)");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(plot.toFile());
        assertThat(image).as("the per-seed plot is a PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(900);
    }

    private static void writeRun(Path runs, RunRecord r) throws Exception {
        Path d = runs.resolve(r.optimizer() + "-seed" + r.seed());
        Files.createDirectories(d);
        Files.writeString(d.resolve("result.json"), r.result().toString());
        Files.writeString(d.resolve("metrics.jsonl"), "");
    }
}
