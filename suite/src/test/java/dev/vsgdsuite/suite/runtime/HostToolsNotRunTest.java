package dev.vsgdsuite.suite.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What a test run without the host-tools group ends with: every check it left out, and the command. */
class HostToolsNotRunTest {

    @Test
    void theLeftOutChecksAreFoundByTheirTagAndOnlyThose() {
        List<String> left = HostToolsNotRun.leftOut();
        assertThat(left).contains("WorkflowLintTest.theWorkflowsPassActionlint",
                "DatasetsTest.theRealFashionMnistLoadsFromTheDebianPackage",
                "FixtureGeneratorTest.theFashionSubsetIsTheFirstImagesOfEachClassOfTheRealData",
                "TorchReferenceScriptTest.theScriptsNetworksHaveTheSuitesParametersInputsAndSettings");
        assertThat(left).as("untagged tests of the same classes run by default")
                .doesNotContain("TorchReferenceScriptTest.aPythonThatCannotRunIsNamedWithTheFix",
                        "HostToolsNotRunTest.theLeftOutChecksAreFoundByTheirTagAndOnlyThose");
    }

    @Test
    void theMessageCountsNamesAndGivesTheOneCommand() {
        String m = HostToolsNotRun.message(List.of("A.b", "C.d"));
        assertThat(m).startsWith("NOT RUN: 2 check(s) of the group 'host-tools'").contains("\n  A.b\n  C.d\n")
                .contains("not counted as passed").endsWith(HostToolsNotRun.COMMAND + "\n");
    }
}
