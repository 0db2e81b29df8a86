package dev.vsgdsuite.vsgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class SwitchTest {

    static final Switch COLOUR = Switch.of("t.colour", "red", List.of("red", "blue"), Switch.When.BUILD, "a colour");
    static final Switch DATA = Switch.free("t.data.*", null, Switch.When.RUN, "a folder per data set");

    @Test
    void aValueOutsideTheDeclaredOnesIsRefusedNamingThem() {
        assertThat(COLOUR.check(null)).isEqualTo("red");
        assertThat(COLOUR.check("  ")).isEqualTo("red");
        assertThat(COLOUR.check(" Blue ")).isEqualTo("blue");
        assertThatThrownBy(() -> COLOUR.check("green"))
                .hasMessage("-Dt.colour=green is not valid: use red or blue (default red; a colour)");
    }

    @Test
    void aLongValueIsNotEchoedWhole() {
        String digits = "9".repeat(5000);
        assertThatThrownBy(() -> COLOUR.check(digits)).message().hasSizeLessThan(200).contains("5000 characters");
    }

    @Test
    void aMisspeltNameInTheNamespaceIsRefusedNamingTheNearest() {
        Properties p = new Properties();
        p.setProperty("t.color", "blue");
        p.setProperty("other.thing", "x");
        assertThatThrownBy(() -> Switch.refuseUnknown(List.of(COLOUR, DATA), p, List.of("t."), "docs/SWITCHES.md"))
                .hasMessage("-Dt.color is not a switch: did you mean t.colour? (docs/SWITCHES.md lists them)");
    }

    @Test
    void declaredNamesAndFamilyMembersPass() {
        Properties p = new Properties();
        p.setProperty("t.colour", "blue");
        p.setProperty("t.data.cifar100", "/data");
        Switch.refuseUnknown(List.of(COLOUR, DATA), p, List.of("t."), "docs");
        assertThat(DATA.declares("t.data.")).isFalse();
        assertThat(DATA.declares("t.data.x")).isTrue();
    }

    @Test
    void aNameFarFromEveryDeclaredOneGetsNoSuggestion() {
        assertThat(Switch.unknown("t.zzzzzzzzzzzzzzzz", List.of(COLOUR), "docs")).doesNotContain("did you mean");
    }

    @Test
    void theLibrarysOwnSwitchesRefuseAMisspeltVsgdProperty() {
        System.setProperty("vsgd.kernal", "scalar");
        try {
            assertThatThrownBy(() -> new VsgdUpdater(new Vsgd()))
                    .hasMessageContaining("-Dvsgd.kernal is not a switch: did you mean vsgd.kernel?");
        } finally {
            System.clearProperty("vsgd.kernal");
        }
    }
}
