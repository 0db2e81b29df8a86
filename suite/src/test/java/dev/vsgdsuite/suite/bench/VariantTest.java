package dev.vsgdsuite.suite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VariantTest {

    private static final String PROPERTY = "suite.variantTest";

    @Test
    void parsesPropertyEqualsValueAndRefusesAnythingElse() {
        assertThat(Variant.parse("suite.convCache=false")).isEqualTo(new Variant("suite.convCache", "false"));
        assertThat(Variant.parse("suite.groupedConv = slices").toString()).isEqualTo("suite.groupedConv=slices");
        assertThat(Variant.parse("suite.x=").value()).isEmpty();
        for (String bad : new String[] {"suite.convCache", "=false", "1x=2", "a b=c"}) {
            assertThatThrownBy(() -> Variant.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theSwitchHoldsOnlyWhileTheWorkRunsAndWhatWasThereComesBack() {
        System.clearProperty(PROPERTY);
        Variant v = new Variant(PROPERTY, "on");
        assertThat(v.apply(() -> System.getProperty(PROPERTY))).isEqualTo("on");
        assertThat(System.getProperty(PROPERTY)).isNull();
        System.setProperty(PROPERTY, "before");
        try {
            assertThatThrownBy(() -> v.apply(() -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(System.getProperty(PROPERTY)).isEqualTo("before");
        } finally {
            System.clearProperty(PROPERTY);
        }
    }
}
