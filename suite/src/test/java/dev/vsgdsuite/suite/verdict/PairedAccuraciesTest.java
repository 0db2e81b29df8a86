package dev.vsgdsuite.suite.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.vsgdsuite.suite.schema.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paired accuracies from a CSV file of any source, and its bad inputs named by file, line and fix. */
class PairedAccuraciesTest {

    @TempDir
    Path dir;

    Path csv(String text) throws IOException {
        Path f = dir.resolve("runs.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void runsArePairedBySeedWithinASequenceInTheTreatmentsOrder() throws IOException {
        PairedAccuracies p = PairedAccuracies.read(csv("""
                optimizer,seed,sequence,accuracy
                vsgd,7,demo,0.85
                adam,3,demo,0.80
                vsgd,3,demo,0.83
                adam,7,demo,0.84
                sgd,7,demo,0.82
                vsgd,1,other,0.5
                """));
        assertThat(p.sequences().keySet()).containsExactly("demo", "other");
        assertThat(p.differences("demo", "vsgd", "adam")).containsExactly(0.85 - 0.84, 0.83 - 0.80);
        assertThat(p.differences("demo", "vsgd", "sgd")).containsExactly(0.85 - 0.82);
        assertThat(p.differences("other", "vsgd", "adam")).isEmpty();
    }

    @Test
    void badInputIsOneLineNamingTheFileTheLineAndTheFix() throws IOException {
        assertThatThrownBy(() -> PairedAccuracies.read(csv("sequence,seed,optimizer\nd,1,vsgd\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 1: no column 'accuracy'");
        assertThatThrownBy(() -> PairedAccuracies.read(csv("sequence,seed,optimizer,accuracy,extra\n")))
                .hasMessageContaining("unknown column 'extra'");
        assertThatThrownBy(() -> PairedAccuracies.read(csv("sequence,seed,optimizer,accuracy\nd,1,vsgd,81.2\n")))
                .hasMessageContaining("runs.csv, line 2: accuracy 81.2 is outside [0, 1]; give it as a fraction");
        assertThatThrownBy(() -> PairedAccuracies.read(csv("sequence,seed,optimizer,accuracy\nd,1,vsgd,0.8\nd,1,vsgd,0.7\n")))
                .hasMessageContaining("line 3: d vsgd seed 1 is given twice");
        assertThatThrownBy(() -> PairedAccuracies.read(csv("sequence,seed,optimizer,accuracy\nd,1,vsgd,high\n")))
                .hasMessageContaining("line 2: accuracy 'high' is not a number");
        assertThatThrownBy(() -> PairedAccuracies.read(csv("sequence,seed,optimizer,accuracy\nd,1,vsgd\n")))
                .hasMessageContaining("line 2: 3 values");
        assertThatThrownBy(() -> PairedAccuracies.read(csv("sequence,seed,optimizer,accuracy\n")))
                .hasMessageContaining("a header and no runs");
        assertThatThrownBy(() -> PairedAccuracies.read(csv("")))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PairedAccuracies.read(dir.resolve("none.csv"))).hasMessageContaining("no such file");
    }
}
