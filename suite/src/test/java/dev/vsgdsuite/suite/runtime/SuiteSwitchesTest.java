package dev.vsgdsuite.suite.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import dev.vsgdsuite.vsgd.Switch;
import org.junit.jupiter.api.Test;

class SuiteSwitchesTest {

    @Test
    void aMisspeltSuiteSwitchStopsTheRuntimeNamingTheNearest() {
        System.setProperty("suite.convcache", "false");
        try {
            assertThatThrownBy(Dl4jRuntime::init).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dsuite.convcache is not a switch: did you mean suite.convCache? (docs/SWITCHES.md lists them)");
        } finally {
            System.clearProperty("suite.convcache");
        }
        Dl4jRuntime.init();
    }

    @Test
    void aFamilyMemberIsAccepted() {
        System.setProperty("suite.data.cifar100", "/nowhere");
        try {
            SuiteSwitches.refuseUnknown();
        } finally {
            System.clearProperty("suite.data.cifar100");
        }
    }

    @Test
    void namesAreUniqueAndEveryDefaultIsOneOfTheValues() {
        assertThat(SuiteSwitches.ALL.stream().map(Switch::name)).doesNotHaveDuplicates();
        assertThat(SuiteSwitches.ALL).allSatisfy(s -> assertThat(s.check(null)).isEqualTo(s.defaultValue()));
    }

    /** A switch read by name in the main code, bypassing its declaration, could be misspelt unnoticed. */
    @Test
    void noMainCodeReadsASuiteOrVsgdPropertyByALiteralName() throws IOException {
        Pattern literal = Pattern.compile("System\\.getProperty\\(\\s*\"((suite|vsgd)\\.[^\"]*)\"");
        List<String> found = new ArrayList<>();
        for (String module : List.of("suite", "vsgd")) {
            try (Stream<Path> files = Files.walk(ProjectPaths.root().resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Files.readString(f));
                    while (m.find()) {
                        found.add(f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
