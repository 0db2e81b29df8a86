package dev.vsgdsuite.suite.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The comparison with the reference: what passes, and that each kind of difference fails with its line. */
class NetworkCheckTest {

    static final CheckReference.Network REF = new CheckReference.Network("net", 3, List.of(0.25f, 0.75f), Map.of(
            "sgd", List.of(4.6, 4.5, 4.4), "adam", List.of(4.6, 4.3, 4.0), "adamw", List.of(4.6, 4.3, 4.0),
            "vsgd", List.of(4.6, 4.2, 3.9)));

    static NetworkCheck check(float[] outputs, double vsgdSecondLoss) {
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("sgd", new double[] {4.6, 4.5, 4.4});
        losses.put("adam", new double[] {4.6, 4.3, 4.0});
        losses.put("adamw", new double[] {4.6, 4.3, 4.0});
        losses.put("vsgd", new double[] {4.6, vsgdSecondLoss, 3.9});
        return new NetworkCheck("e", "net", 3, outputs, losses, null);
    }

    @Test
    void withinTheTolerancesItPasses() {
        NetworkCheck c = check(new float[] {0.25f + 5e-5f, 0.75f}, 4.2 * (1 + 5e-4));
        assertThat(c.compare(REF)).isEmpty();
        assertThat(c.worstLossDifference(REF)).isBetween(4e-4, 5e-4);
    }

    @Test
    void aLossOffTheCpusFails() {
        assertThat(check(new float[] {0.25f, 0.75f}, 4.22).compare(REF)).singleElement().asString()
                .startsWith("e vsgd: loss at iteration 2 is 4.22000, the CPU's 4.20000").contains("tolerance 1e-03");
    }

    @Test
    void anOutputOffTheCpusFails() {
        assertThat(check(new float[] {0.26f, 0.74f}, 4.2).compare(REF)).singleElement().asString()
                .startsWith("e: initial outputs off by 0.01");
    }

    @Test
    void aReferenceOfAnotherNetworkOrNoneIsAFailureNotAPass() {
        NetworkCheck c = check(new float[] {0.25f, 0.75f}, 4.2);
        assertThat(c.compare(null)).singleElement().asString().contains("no reference");
        assertThat(c.compare(new CheckReference.Network("other", 3, REF.outputs(), REF.losses()))).singleElement()
                .asString().contains("the reference is of other seed 3");
        assertThat(new NetworkCheck("e", "net", 3, null, Map.of(), "vsgd: out of memory").compare(REF))
                .containsExactly("e: did not train (vsgd: out of memory)");
    }
}
