package dev.vsgdsuite.vsgd.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a golden file: everything checked as it is read, a bad file or case named. */
class GoldenTrajectoryTest {

    static final Path FIXTURES = Paths.get(System.getProperty("vsgd.fixtures", "../fixtures"));

    @Test
    void theShippedFilesReadWithEveryStepsInputsParametersAndState() {
        var all = GoldenTrajectory.fixtures(FIXTURES);
        assertThat(all).extracting(GoldenTrajectory::optimizer).contains("vsgd", "sgd", "adam", "adamw");
        for (GoldenTrajectory t : all) {
            assertThat(t.inputs()).as(t.toString()).hasNumberOfRows(t.steps());
            assertThat(t.state()).as(t.toString()).hasSize(t.openLoop() ? t.steps() : 0);
        }
        GoldenTrajectory vsgd = all.stream().filter(t -> t.optimizer().equals("vsgd") && t.openLoop()).findFirst().orElseThrow();
        assertThat(vsgd.state().get(0)).containsOnlyKeys("mug", "bg", "bhg");
        assertThat(vsgd.vsgd().getLearningRate()).isEqualTo(vsgd.number("lr", Double.NaN));
    }

    @Test
    void aMissingOrMalformedFileIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("absent.json");
        assertThatThrownBy(() -> GoldenTrajectory.read(missing)).hasMessage("Golden file " + missing + " does not exist");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"cases\": [ {\"name\": ");
        assertThatThrownBy(() -> GoldenTrajectory.read(broken)).hasMessageStartingWith("Golden file " + broken + " is not valid JSON");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"cases\": []}");
        assertThatThrownBy(() -> GoldenTrajectory.read(empty)).hasMessageContaining(empty + " has no non-empty \"cases\" array");
    }

    @Test
    void aCaseWithAMissingOrMalformedFieldIsNamed(@TempDir Path dir) throws IOException {
        String open = "{\"name\": \"c\", \"optimizer\": \"adam\", \"kind\": \"open_loop\", \"init\": [1, 2], "
                + "\"grads\": [[0.1, 0.2]], \"params\": [[0.9, 1.9]]";
        assertThatThrownBy(() -> one(dir, open + "}")).hasMessage("one.json: case 'c' lacks the array 'state' (open_loop)");
        assertThatThrownBy(() -> one(dir, open.replace("[[0.9, 1.9]]", "[[0.9]]") + ", \"state\": [{}]}"))
                .hasMessage("one.json: case 'c' params[0] has 1 values for 2 parameters");
        assertThatThrownBy(() -> one(dir, open.replace("0.2]", "\"x\"]") + ", \"state\": [{}]}"))
                .hasMessage("one.json: case 'c' grads[0][1] is not a number: \"x\"");
        assertThatThrownBy(() -> one(dir, open.replace("open_loop", "sideways") + "}"))
                .hasMessage("one.json: case 'c' kind 'sideways' is neither open_loop nor closed_loop");
        GoldenTrajectory t = one(dir, open + ", \"state\": [{\"exp_avg\": [0, 0]}], \"hyper\": {\"betas\": [0.8]}}");
        assertThatThrownBy(() -> t.pair("betas")).hasMessage("one.json: case 'c' hyper.betas must be a pair [x, y], got [0.8]");
        assertThatThrownBy(t::vsgd).hasMessage("one.json: case 'c' is a case of adam, not of VSGD");
    }

    private static GoldenTrajectory one(Path dir, String caseJson) throws IOException {
        return GoldenTrajectory.read(Files.writeString(dir.resolve("one.json"), "{\"cases\": [" + caseJson + "]}")).get(0);
    }
}
