package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VariantTest {

    private static final String PROPERTY = "suite.gelu";

    @Test
    void parsesPropertyEqualsValueAndRefusesAnythingElse() {
        assertThat(Variant.parse("suite.convCache=false")).isEqualTo(new Variant("suite.convCache", "false"));
        assertThat(Variant.parse("suite.groupedConv = slices").toString()).isEqualTo("suite.groupedConv=slices");
        for (String bad : new String[] {"suite.convCache", "=false", "1x=2", "a b=c"}) {
            assertThatThrownBy(() -> Variant.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMisspeltSwitchIsRefusedNamingTheNearestInsteadOfTimingTheDefaultAgainstItself() {
        assertThatThrownBy(() -> Variant.parse("suite.convcache=false"))
                .hasMessage("suite.convcache is not a switch: did you mean suite.convCache? (docs/SWITCHES.md lists them)");
        assertThatThrownBy(() -> Variant.parse("suite.gelu=fused"))
                .hasMessageStartingWith("-Dsuite.gelu=fused is not valid: use auto or ops");
        assertThatThrownBy(() -> Variant.parse("vsgd.emulateCuda=true"))
                .hasMessageStartingWith("vsgd.emulateCuda is read once per JVM, not when a network is built");
    }

    @Test
    void theSwitchHoldsOnlyWhileTheWorkRunsAndWhatWasThereComesBack() {
        System.clearProperty(PROPERTY);
        Variant v = new Variant(PROPERTY, "ops");
        assertThat(v.apply(() -> System.getProperty(PROPERTY))).isEqualTo("ops");
        assertThat(System.getProperty(PROPERTY)).isNull();
        System.setProperty(PROPERTY, "auto");
        try {
            assertThatThrownBy(() -> v.apply(() -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(System.getProperty(PROPERTY)).isEqualTo("auto");
        } finally {
            System.clearProperty(PROPERTY);
        }
    }
}
