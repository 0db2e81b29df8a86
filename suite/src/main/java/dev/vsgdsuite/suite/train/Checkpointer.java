package dev.vsgdsuite.suite.train;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The run folder's {@code checkpoint.zip}: DL4J's model file (network, optimizer state) with the
 * {@link TrainerState} added as the object {@value #STATE_ENTRY}. It is written beside the old one and
 * renamed over it, so a kill leaves either the previous checkpoint or the new one, never half of one.
 */
final class Checkpointer {

    static final String STATE_ENTRY = "trainer_state.json";

    private final RunDirectory dir;

    Checkpointer(RunDirectory dir) {
        this.dir = dir;
    }

    File file() {
        return dir.file(RunDirectory.CHECKPOINT).toFile();
    }

    boolean exists() {
        return file().isFile();
    }

    void save(ComputationGraph graph, TrainerState s) {
        Path tmp = dir.file(RunDirectory.CHECKPOINT + ".tmp");
        try {
            ModelSerializer.writeModel(graph, tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), STATE_ENTRY, s.toJson());
            RunDirectory.moveAtomically(tmp, dir.file(RunDirectory.CHECKPOINT));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint " + tmp + ": " + e.getMessage(), e);
        }
    }

    TrainerState readState() throws IOException {
        String json = ModelSerializer.getObjectFromFile(file(), STATE_ENTRY);
        return TrainerState.fromJson(json);
    }
}
