package dev.vsgdsuite.suite.train;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The run folder's {@code checkpoint.zip}: DL4J's model file (configuration, coefficients, optimizer
 * state) with the {@link TrainerState} and the {@link RunIdentity} added as the object
 * {@value #STATE_ENTRY}. It is written beside the old one and renamed over it, so a kill leaves either
 * the previous checkpoint or the new one, never half of one; a failed write (disk full) removes its
 * temporary file. {@link CheckpointCheck} reads it back.
 */
final class Checkpointer {

    static final String STATE_ENTRY = "trainer_state.json";
    /** The key, inside the run identity, of the trajectory keys the checkpoint was trained with. */
    static final String TRAJECTORY = "config";

    /** Writes a checkpoint file: the network, then the state JSON. */
    @FunctionalInterface
    interface Writer {
        void write(ComputationGraph graph, String stateJson, File target) throws IOException;
    }

    /** DL4J's model file with the state added as a serialised object. */
    static final Writer DL4J = (graph, stateJson, target) -> {
        ModelSerializer.writeModel(graph, target, true);
        ModelSerializer.addObjectToFile(target, STATE_ENTRY, stateJson);
    };

    private final RunDirectory dir;
    private final RunIdentity identity;
    private final Map<String, String> trajectory;
    private final Writer writer;

    /** @param trajectory the run's trajectory keys ({@link TrajectoryKeys}), recorded beside its identity */
    Checkpointer(RunDirectory dir, RunIdentity identity, Map<String, String> trajectory) {
        this(dir, identity, trajectory, DL4J);
    }

    Checkpointer(RunDirectory dir, RunIdentity identity, Map<String, String> trajectory, Writer writer) {
        this.dir = dir;
        this.identity = identity;
        this.trajectory = Map.copyOf(trajectory);
        this.writer = writer;
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
            writer.write(graph, stateJson(s, graph.numParams()), tmp.toFile());
            RunDirectory.moveAtomically(tmp, dir.file(RunDirectory.CHECKPOINT));
        } catch (IOException e) {
            RunDirectory.deleteQuietly(tmp);
            throw new UncheckedIOException("Cannot write checkpoint " + tmp + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            RunDirectory.deleteQuietly(tmp);
            throw e;
        }
    }

    /** The trainer state's keys with the run's identity and parameter count under {@value RunIdentity#KEY}. */
    private String stateJson(TrainerState s, long parameters) throws IOException {
        ObjectNode state = (ObjectNode) Json.LINE.readTree(s.toJson());
        ObjectNode run = Json.LINE.valueToTree(identity);
        run.put("parameters", parameters);
        run.set(TRAJECTORY, Json.LINE.valueToTree(new java.util.TreeMap<>(trajectory)));
        state.set(RunIdentity.KEY, run);
        return Json.LINE.writeValueAsString(state);
    }
}
