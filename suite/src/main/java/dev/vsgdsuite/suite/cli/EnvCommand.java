package dev.vsgdsuite.suite.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import picocli.CommandLine.Command;

@Command(name = "env", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Print the backend, native build, oneDNN and thread settings in use.")
final class EnvCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (Map.Entry<String, Object> e : Dl4jRuntime.init().asMap().entrySet()) {
            System.out.printf("%-18s %s%n", e.getKey(), e.getValue());
        }
        return 0;
    }
}
