package dev.vsgdsuite.suite.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsgdsuite.suite.train.Json;
import org.junit.jupiter.api.Test;

class ClaimCheckTest {

    static final Claims CLAIMS = new Claims(0.0, 0.015, Map.of("exp", Map.of("vsgd", 0.70, "sgd", 0.68)));

    static RunRecord run(String optimizer, long seed, Double accuracy) {
        ObjectNode r = Json.LINE.createObjectNode();
        r.put("experiment", "exp");
        r.put("optimizer", optimizer);
        r.put("seed", seed);
        r.put("diverged", accuracy == null);
        if (accuracy == null) {
            r.putNull("test_accuracy");
        } else {
            r.put("test_accuracy", accuracy);
        }
        r.put("ms_per_iter", optimizer.equals("vsgd") ? 11.0 : 10.0);
        return new RunRecord(Path.of("/nowhere"), r, List.of());
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
    void reproducedWhenVsgdLeadsAndMatchesThePublishedValues() {
        ClaimCheck.Outcome o = ClaimCheck.check("exp", runs(new double[] {0.70, 0.71}, new double[] {0.66, 0.67},
                new double[] {0.68, 0.68}), CLAIMS);
        assertThat(o.reproduced()).as(String.join("; ", o.failures())).isTrue();
        assertThat(o.rows().get("vsgd").mean()).isCloseTo(0.705, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(o.table()).contains("| vsgd | 70.50 % ± 0.71 | 2 | 0 | 70.0 % | +0.50 |", "1.10×");
        assertThat(ClaimCheck.welchP(o.rows().get("vsgd"), o.rows().get("adam"))).isBetween(0.0, 0.1);
    }

    @Test
    void notReproducedWhenABaselineLeadsOrAPublishedValueIsMissed() {
        ClaimCheck.Outcome o = ClaimCheck.check("exp", runs(new double[] {0.65, 0.66}, new double[] {0.67, 0.67},
                new double[] {0.60, 0.61}), CLAIMS);
        assertThat(o.reproduced()).isFalse();
        assertThat(o.failures()).anySatisfy(f -> assertThat(f).contains("VSGD 0.6550 < adam 0.6700"));
        assertThat(o.failures()).anySatisfy(f -> assertThat(f).contains("vsgd mean 0.6550").contains("published 0.700"));
        assertThat(o.failures()).anySatisfy(f -> assertThat(f).contains("sgd mean 0.6050"));
    }

    @Test
    void aDivergedRunCountsAsZeroAndMissingBaselinesFail() {
        List<RunRecord> rs = new ArrayList<>(List.of(run("vsgd", 0, 0.70), run("vsgd", 1, null), run("adam", 0, 0.5)));
        ClaimCheck.Outcome o = ClaimCheck.check("exp", rs, CLAIMS);
        assertThat(o.rows().get("vsgd").mean()).isEqualTo(0.35);
        assertThat(o.rows().get("vsgd").diverged()).isEqualTo(1);
        assertThat(o.failures()).contains("no sgd runs of exp");
        assertThat(o.reproduced()).isFalse();
    }
}
