package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** Every command has --help; -V prints the build's version; the help lists the exit codes. */
class CliHelpTest {

    @Test
    void everySubcommandHasHelp() {
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            Cli.Outcome o = Cli.run(name, "--help");
            assertThat(o.code()).as(name).isZero();
            assertThat(o.out()).as(name).contains("Usage: vsgd-suite " + name);
            assertThat(o.err()).as(name).isEmpty();
        }
    }

    @Test
    void versionIsTheBuildsVersion() {
        for (String[] args : new String[][] {{"-V"}, {"run", "-V"}}) {
            Cli.Outcome o = Cli.run(args);
            assertThat(o.code()).isZero();
            assertThat(o.out()).startsWith("vsgd-suite ").doesNotContain("null").doesNotContain("${").contains("DL4J ");
        }
    }

    @Test
    void topLevelHelpListsExitCodesAndWholeDescriptions() {
        Cli.Outcome o = Cli.run("--help");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("Exit codes:").contains("4  interrupted").contains("--verbose");
        String flat = o.out().replaceAll("\\s+", " ");
        for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
            var spec = sub.getCommandSpec().usageMessage();
            String summary = spec.header().length > 0 ? spec.header()[0] : spec.description()[0];
            assertThat(flat).as(sub.getCommandName()).contains(summary.replaceAll("\\s+", " "));
            assertThat(summary).as(sub.getCommandName()).matches("(?s).*[.)]$");
        }
    }
}
