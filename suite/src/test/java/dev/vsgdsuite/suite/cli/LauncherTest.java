package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vsgd-suite} keeps the build a user made: a jar built for CUDA is rebuilt for CUDA when a
 * source changes, VSGD_BUILD_PROFILE switches it, and a bad value is refused. The launcher runs in a
 * copy of the project's layout with Maven and Java replaced by scripts that record their arguments.
 */
class LauncherTest {

    @TempDir
    Path root;

    @BeforeEach
    void layout() throws Exception {
        Files.copy(ProjectPaths.root().resolve("vsgd-suite"), root.resolve("vsgd-suite"));
        for (String dir : List.of("vsgd/src/main", "suite/src/main", "bin")) {
            Files.createDirectories(root.resolve(dir));
        }
        for (String pom : List.of("pom.xml", "vsgd/pom.xml", "suite/pom.xml")) {
            Files.writeString(root.resolve(pom), "<project/>");
        }
        // Maven: records its arguments and builds a "jar" whose properties name the backend, as the real build does.
        script("mvn", "echo \"mvn $*\" >> \"" + root.resolve("log") + "\"\n"
                + "mkdir -p suite/target/classes && touch suite/target/vsgd-suite.jar\n"
                + "case \" $* \" in *\" -Pcuda \"*) b=nd4j-cuda-11.6 ;; *) b=nd4j-native ;; esac\n"
                + "echo \"nd4j.backend=$b\" > suite/target/classes/vsgd-suite.properties\n");
        script("java", "echo \"java $*\" >> \"" + root.resolve("log") + "\"\n");
    }

    @Test
    void aCudaBuildIsRebuiltForCudaWhenASourceChanges() throws Exception {
        assertThat(launch(Map.of("VSGD_BUILD_PROFILE", "cuda")).exit).isZero();
        assertThat(builds()).containsExactly("mvn -q package -DskipTests -Pcuda");

        assertThat(launch(Map.of()).exit).isZero();
        assertThat(builds()).as("an up-to-date jar is not rebuilt").hasSize(1);

        Path source = root.resolve("suite/src/main/New.java");
        Files.writeString(source, "class New {}");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));
        Run r = launch(Map.of());
        assertThat(builds()).as("rebuilt with the profile the jar was built with").hasSize(2)
                .last().isEqualTo("mvn -q package -DskipTests -Pcuda");
        assertThat(r.err).contains("Building vsgd-suite for the CUDA backend (mvn -q package -DskipTests -Pcuda)");
    }

    @Test
    void theProfileCanBeSwitchedBackAndABadOneIsRefused() throws Exception {
        launch(Map.of());
        assertThat(builds()).containsExactly("mvn -q package -DskipTests");
        launch(Map.of("VSGD_BUILD_PROFILE", "cuda"));
        launch(Map.of("VSGD_BUILD_PROFILE", "cpu"));
        assertThat(builds()).containsExactly("mvn -q package -DskipTests", "mvn -q package -DskipTests -Pcuda",
                "mvn -q package -DskipTests");

        Run bad = launch(Map.of("VSGD_BUILD_PROFILE", "gpu"));
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err.strip()).isEqualTo("vsgd-suite: VSGD_BUILD_PROFILE=gpu is not cpu or cuda");
    }

    private record Run(int exit, String err) {}

    private Run launch(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("vsgd-suite").toString(), "env").directory(root.toFile());
        pb.environment().remove("VSGD_BUILD_PROFILE");
        pb.environment().putAll(env);
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        Path err = root.resolve("err");
        Process p = pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(err));
    }

    private List<String> builds() throws Exception {
        Path log = root.resolve("log");
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith("mvn ")).toList() : List.of();
    }

    private void script(String name, String body) throws Exception {
        Path p = root.resolve("bin").resolve(name);
        Files.writeString(p, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
