package dev.vsgdsuite.suite.train;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.exc.InvalidTypeIdException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * Reads a {@code checkpoint.zip} for a resume and checks it against what the run's config expects
 * ({@link CheckpointExpectation}) before DL4J or the trainer touch it: every part a bit-exact resume
 * needs is there (model configuration, coefficients, optimizer state, trainer state with the data
 * position), the network is the run's (parameter count, updater, run identity), and the sizes fit
 * that network, so a corrupt or foreign file is refused with a message instead of crashing DL4J or
 * allocating what a damaged header claims. Nothing is written.
 */
final class CheckpointCheck {

    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    /** Where {@code ModelSerializer.addObjectToFile} stores an object. */
    static final String STATE = "objects/" + Checkpointer.STATE_ENTRY;
    /** Text entries are small; anything larger is not one this suite wrote. */
    private static final int MAX_TEXT_BYTES = 16 << 20;
    /** Array files: 2 to 8 bytes per value (half to double precision), plus a header. */
    private static final long ARRAY_HEADER_ALLOWANCE = 64 << 10;

    private CheckpointCheck() {}

    /**
     * The trainer state of {@code file}, once every check has passed.
     *
     * @throws CheckpointException naming the file, what is wrong and the fix
     */
    static TrainerState verify(Path file, CheckpointExpectation expected) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            requireParts(zip, file, expected);
            ComputationGraphConfiguration conf = configuration(zip, file);
            checkNetwork(conf, file, expected);
            checkArraySize(zip, COEFFICIENTS, "model coefficients", expected.parameters(), file);
            if (expected.updaterStateLength() > 0) {
                checkArraySize(zip, UPDATER_STATE, "optimizer state", expected.updaterStateLength(), file);
            }
            TrainerState state = trainerState(zip, file, expected);
            if (conf.getIterationCount() != state.iteration) {
                throw new CheckpointException(file, "its network is at iteration " + conf.getIterationCount()
                        + " but its trainer state at " + state.iteration + " (the parts come from different saves)");
            }
            return state;
        } catch (ZipException | IllegalArgumentException e) {
            if (e instanceof CheckpointException c) {
                throw c;
            }
            throw new CheckpointException(file, "is not a readable zip archive (" + e.getMessage()
                    + "): it is corrupt or truncated", e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be read (" + e + ")", e);
        }
    }

    private static void requireParts(ZipFile zip, Path file, CheckpointExpectation expected) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put(CONFIGURATION, "the model configuration");
        parts.put(COEFFICIENTS, "the model coefficients");
        if (expected.updaterStateLength() > 0) {
            parts.put(UPDATER_STATE, "the optimizer state");
        }
        parts.put(STATE, "the trainer state with the data position");
        List<String> missing = new ArrayList<>();
        parts.forEach((entry, what) -> {
            if (zip.getEntry(entry) == null) {
                missing.add(what + " (" + entry + ")");
            }
        });
        if (!missing.isEmpty()) {
            throw new CheckpointException(file, "lacks " + String.join(", ", missing) + ", which a bit-exact resume "
                    + "needs (an incomplete or edited checkpoint)");
        }
    }

    private static ComputationGraphConfiguration configuration(ZipFile zip, Path file) throws IOException {
        String json = text(zip, CONFIGURATION, file);
        try {
            Json.LINE.readTree(json);   // bounded nesting, before DL4J's own parser sees it
            ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
            CheckpointExpectation.parameters(conf);
            return conf;
        } catch (IOException | RuntimeException e) {
            String unknown = unknownClass(e);
            if (unknown != null) {
                throw new CheckpointException(file, "its model configuration (" + CONFIGURATION + ") names the class "
                        + unknown + ", which this version of the suite does not have: the checkpoint was written by "
                        + "another version (resume it with that version)", e);
            }
            throw new CheckpointException(file, "its model configuration (" + CONFIGURATION + ") is unreadable ("
                    + firstLine(e) + ")", e);
        }
    }

    private static void checkNetwork(ComputationGraphConfiguration conf, Path file, CheckpointExpectation expected) {
        long parameters = CheckpointExpectation.parameters(conf);
        if (parameters != expected.parameters()) {
            throw new CheckpointException(file, "holds a network of " + parameters + " parameters, but this run's "
                    + "config.yaml gives " + expected.identity().model() + " with " + expected.parameters()
                    + " parameters for " + expected.identity().dataset() + ": the checkpoint is from another run");
        }
        Set<String> updaters = CheckpointExpectation.updaters(conf);
        if (!updaters.equals(expected.updaters())) {
            throw new CheckpointException(file, "was trained with the updater " + updaters + ", but this run's "
                    + "config.yaml gives optimizer " + expected.identity().optimizer() + " " + expected.updaters()
                    + ": the checkpoint is from another run");
        }
    }

    private static void checkArraySize(ZipFile zip, String entry, String what, long values, Path file)
            throws IOException {
        long min = 2 * values;
        long max = 8 * values + ARRAY_HEADER_ALLOWANCE;
        long size = countBytes(zip, zip.getEntry(entry), max + 1);
        if (size < min || size > max) {
            throw new CheckpointException(file, "its " + what + " (" + entry + ") has " + (size > max ? "over " : "")
                    + size + " bytes, which cannot hold the " + values + " values this run's network has "
                    + "(truncated, or from another run)");
        }
    }

    private static TrainerState trainerState(ZipFile zip, Path file, CheckpointExpectation expected)
            throws IOException {
        String json = serializedString(zip.getInputStream(zip.getEntry(STATE)), file);
        TrainerState state;
        JsonNode node;
        try {
            node = Json.LINE.readTree(json);
            state = TrainerState.fromJson(json);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file, "its trainer state (" + STATE + ") is unreadable (" + firstLine(e)
                    + ")", e);
        }
        if (state.iteration < 0 || state.iteration > expected.maxIter() || state.epoch < 0 || state.batchInEpoch < 0
                || state.validationBatch < 0) {
            throw new CheckpointException(file, "its trainer state is out of range (iteration " + state.iteration
                    + " of max_iter " + expected.maxIter() + ", epoch " + state.epoch + ", batch " + state.batchInEpoch
                    + ")");
        }
        checkIdentity(node.get(RunIdentity.KEY), file, expected);
        return state;
    }

    /** Checkpoints written before the identity was saved have none; the network checks still apply to them. */
    private static void checkIdentity(JsonNode run, Path file, CheckpointExpectation expected) {
        if (run == null) {
            return;
        }
        RunIdentity own;
        try {
            own = Json.LINE.treeToValue(run, RunIdentity.class);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file, "its run identity is unreadable (" + firstLine(e) + ")", e);
        }
        if (!expected.identity().equals(own)) {
            throw new CheckpointException(file, "belongs to another run (" + own + "); this run folder's config.yaml "
                    + "is " + expected.identity());
        }
        JsonNode trained = run.get(Checkpointer.TRAJECTORY);
        if (trained != null && trained.isObject()) {
            String changed = TrajectoryKeys.firstDifference(TrajectoryKeys.of(trained), expected.trajectory());
            if (changed != null) {
                throw new CheckpointException(file, "was trained with another config: " + changed
                        + "; a resume would train the rest of the run on it while the folder claims it for all of it",
                        "put the value back in config.yaml, or start a new run with it (./vsgd-suite run …)", null);
            }
        }
    }

    /** A string as {@code ObjectOutputStream} writes it, read without Java deserialisation. */
    private static String serializedString(InputStream raw, Path file) throws IOException {
        byte[] bytes = readBounded(raw, MAX_TEXT_BYTES, STATE, file);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readUnsignedShort() != 0xACED || in.readUnsignedShort() != 5 || in.readUnsignedByte() != 0x74) {
                throw new IOException("not a serialised string");
            }
            return in.readUTF();
        } catch (IOException e) {
            throw new CheckpointException(file, "its trainer state (" + STATE + ") is not the JSON text this suite "
                    + "writes (" + e.getMessage() + ")", e);
        }
    }

    private static String text(ZipFile zip, String entry, Path file) throws IOException {
        return new String(readBounded(zip.getInputStream(zip.getEntry(entry)), MAX_TEXT_BYTES, entry, file),
                StandardCharsets.UTF_8);
    }

    private static byte[] readBounded(InputStream raw, int limit, String entry, Path file) throws IOException {
        try (InputStream in = raw) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new CheckpointException(file, "its entry " + entry + " is larger than " + limit + " bytes");
            }
            return bytes;
        }
    }

    private static long countBytes(ZipFile zip, ZipEntry entry, long cap) throws IOException {
        long n = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = zip.getInputStream(entry)) {
            for (int r; n < cap && (r = in.read(buffer)) > 0; ) {
                n += r;
            }
        }
        return n;
    }

    /** The class name a configuration names but this JVM lacks (a layer renamed or moved since), or null. */
    private static String unknownClass(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidTypeIdException invalid && invalid.getTypeId() != null) {
                return invalid.getTypeId();
            }
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}
