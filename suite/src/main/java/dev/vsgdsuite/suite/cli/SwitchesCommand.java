package dev.vsgdsuite.suite.cli;

import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.runtime.SuiteSwitches;
import picocli.CommandLine.Command;

@Command(name = "switches", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The system-property switches: values, default, when read, meaning (docs/SWITCHES.md).")
final class SwitchesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.print(SuiteSwitches.markdown());
        return ExitCode.DONE.code();
    }
}
