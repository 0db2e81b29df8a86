package dev.vsgdsuite.suite.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a training iteration's wall time goes, by layer type and direction, from JDK Flight
 * Recorder's stack samples of the thread that runs the iterations. JFR samples a thread running Java
 * ({@code jdk.ExecutionSample}) and one inside a native call ({@code jdk.NativeMethodSample})
 * separately; both are taken at the same period here, so each sample stands for about the same slice
 * of wall time, and the thread that waits in a native call while nd4j's OpenMP threads compute is
 * counted for that time. (The OpenMP threads are not Java threads and are not sampled.)
 *
 * <p>A sample goes to the first category that claims it, checked in this order:
 * <ol>
 *   <li>JavaCPP's physical-memory check ({@code Pointer.physicalBytes*} anywhere on the stack);</li>
 *   <li>an activation function's own work ({@code org.nd4j.linalg.activations} or the suite's GELU);</li>
 *   <li>the optimizer's step (the suite's optimizers, the VSGD library, nd4j's updaters);</li>
 *   <li>DL4J's updater bookkeeping around it ({@code org.deeplearning4j.nn.updater});</li>
 *   <li>a layer: the outermost frame of a DL4J layer class (the layer, not its helper; the suite's
 *       own layers too), backward when that class's {@code backpropGradient} is on the stack;</li>
 *   <li>a graph vertex ({@code SubsetVertex}, {@code MergeVertex}, ...): doForward or doBackward;</li>
 *   <li>everything else: graph plumbing, workspaces, the loss's bookkeeping.</li>
 * </ol>
 */
public final class FlightRecording implements AutoCloseable {

    /** The sampling period; JFR's smallest on Linux. */
    static final Duration PERIOD = Duration.ofMillis(10);

    /** A network's profile: the recording, the shares, and the mean profiled iteration in ms. */
    public record Summary(Path file, List<Share> shares, double msPerIteration) {}

    /** One category's share of the sampled time. */
    public record Share(String category, int samples, double fraction) {}

    private final Recording recording;
    private final long threadId;

    private FlightRecording(Recording recording, long threadId) {
        this.recording = recording;
        this.threadId = threadId;
    }

    /** Starts sampling; the calling thread is the one whose samples count. */
    public static FlightRecording start() {
        Recording r = new Recording();
        r.enable("jdk.ExecutionSample").withPeriod(PERIOD);
        r.enable("jdk.NativeMethodSample").withPeriod(PERIOD);
        r.setToDisk(true);
        r.start();
        return new FlightRecording(r, Thread.currentThread().getId());
    }

    /**
     * Stops sampling, writes the recording to {@code file} (kept for {@code jfr print}) and returns the
     * shares, largest first.
     */
    public List<Share> stop(Path file) throws IOException {
        recording.stop();
        recording.dump(file);
        return shares(file, threadId);
    }

    @Override
    public void close() {
        recording.close();
    }

    /** The shares of one thread's samples in a recording, largest first. */
    static List<Share> shares(Path file, long javaThreadId) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedThread thread = e.getThread("sampledThread");
            if (thread == null || thread.getJavaThreadId() != javaThreadId || e.getStackTrace() == null) {
                continue;
            }
            counts.merge(category(frames(e.getStackTrace())), 1, Integer::sum);
            total++;
        }
        List<Share> shares = new ArrayList<>();
        int all = total;
        counts.forEach((c, n) -> shares.add(new Share(c, n, (double) n / all)));
        shares.sort(Comparator.comparingInt(Share::samples).reversed().thenComparing(Share::category));
        return shares;
    }

    private static List<String[]> frames(RecordedStackTrace trace) {
        List<String[]> frames = new ArrayList<>();   // innermost first: {class, method}
        for (RecordedFrame f : trace.getFrames()) {
            if (f.getMethod() != null && f.getMethod().getType() != null) {
                frames.add(new String[] {f.getMethod().getType().getName(), f.getMethod().getName()});
            }
        }
        return frames;
    }

    /** The category of one stack, innermost frame first, each frame {class name, method name}. */
    static String category(List<String[]> frames) {
        for (String[] f : frames) {
            if (f[0].equals("org.bytedeco.javacpp.Pointer") && f[1].startsWith("physicalBytes")) {
                return "JavaCPP physical-memory check";
            }
        }
        // a fused block's GELU and its parallel chunks (HostArrays) are the block's: the layer rule below
        boolean inBlock = frames.stream().anyMatch(f -> f[0].equals("dev.vsgdsuite.suite.kernels.MixerBlockLanes"));
        for (String[] f : frames) {
            if (inBlock) {
                break;
            }
            if (f[0].startsWith("org.nd4j.linalg.activations.") || f[0].startsWith("dev.vsgdsuite.suite.kernels.Gelu")
                    || f[0].equals("dev.vsgdsuite.suite.layers.ExactGelu")) {
                return "activation " + simpleName(f[0]).replaceFirst("^Activation", "");
            }
        }
        for (String[] f : frames) {
            if (inBlock) {
                break;
            }
            if (f[0].startsWith("dev.vsgdsuite.suite.optim.") || f[0].startsWith("dev.vsgdsuite.vsgd.")
                    && !f[0].startsWith("dev.vsgdsuite.vsgd.HostArrays") || f[0].startsWith("org.nd4j.linalg.learning.")) {
                return "optimizer step";
            }
        }
        for (String[] f : frames) {
            if (f[0].startsWith("org.deeplearning4j.nn.updater.")) {
                return "updater bookkeeping (DL4J)";
            }
        }
        String layer = null;
        for (String[] f : frames) {   // ends on the outermost
            if (isLayer(f[0])) {
                layer = f[0];
            }
        }
        if (layer != null) {
            return simpleName(layer) + (onStack(frames, layer, "backpropGradient") ? " backward" : " forward");
        }
        for (String[] f : frames) {
            if (f[0].startsWith("org.deeplearning4j.nn.graph.vertex.impl.")) {
                return simpleName(f[0]) + (onStack(frames, f[0], "doBackward") ? " backward" : " forward");
            }
        }
        return "other (graph plumbing, workspaces, loss bookkeeping)";
    }

    private static final Map<String, Boolean> LAYER_CLASSES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A DL4J layer's class: DL4J's own layers and helpers (the outermost frame is the layer), or any
     * other class implementing DL4J's {@code Layer} (the suite's own layers).
     */
    private static boolean isLayer(String className) {
        if (className.startsWith("org.deeplearning4j.nn.layers.")) {
            return true;
        }
        if (!className.startsWith("dev.vsgdsuite.")) {
            return false;
        }
        return LAYER_CLASSES.computeIfAbsent(className, name -> {
            try {
                return org.deeplearning4j.nn.api.Layer.class.isAssignableFrom(
                        Class.forName(name, false, FlightRecording.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    private static boolean onStack(List<String[]> frames, String type, String method) {
        return frames.stream().anyMatch(f -> f[0].equals(type) && f[1].equals(method));
    }

    private static String simpleName(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    /**
     * The shares as a Markdown table; {@code msPerIteration} (the mean of the profiled iterations)
     * turns each share into milliseconds per iteration.
     */
    public static String markdown(String title, List<Share> shares, double msPerIteration) {
        StringBuilder out = new StringBuilder();
        int samples = shares.stream().mapToInt(Share::samples).sum();
        out.append(String.format(Locale.ROOT, "%s: %,d samples of the training thread every %d ms; %.1f ms per iteration%n%n",
                title, samples, PERIOD.toMillis(), msPerIteration));
        out.append("| where | share | ms per iteration |\n|---|---|---|\n");
        for (Share s : shares) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f %% | %.1f |%n", s.category(), 100 * s.fraction(),
                    s.fraction() * msPerIteration));
        }
        return out.toString();
    }

    /** A file next to {@code base} for one network's recording: {@code base-NETWORK.jfr}. */
    public static Path fileFor(Path base, String network) {
        String name = base.getFileName().toString().replaceFirst("\\.jfr$", "");
        return base.toAbsolutePath().resolveSibling(name + "-" + network + ".jfr");
    }
}
