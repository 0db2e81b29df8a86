package dev.vsgdsuite.suite.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;

import dev.vsgdsuite.vsgd.HostArrays;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts DL4J into the configuration every run of the suite needs, once per JVM, and says what it got.
 *
 * <p>On CPU that means oneDNN really in use, which takes three things in M2.1: a oneDNN build of
 * nd4j-native on the class path (the {@code -onednn} classifiers; the build selects it), DL4J's layer
 * helpers switched on ({@code org.eclipse.deeplearning4j.helpers.disable=false}, set here unless the
 * user set it), and the {@link org.nd4j.nativeblas.Nd4jCpu} bridge so DL4J can see that oneDNN is on.
 * The bridge must carry that exact name (in {@code suite/src/main/java/org/nd4j/nativeblas/}): M2.1's
 * oneDNN helpers look the class up by it, and nd4j-native M2.1 moved it, so without the bridge DL4J
 * silently skips oneDNN. This class reads it too; {@code OneDnnHelpersTest} checks that both work.
 *
 * <p>Call {@link #init()} before building any network: DL4J reads the helper switch when a layer is
 * created. The CLI calls it first thing; the suite's tests call it through a JUnit launcher listener.
 */
public final class Dl4jRuntime {

    /** DL4J's switch for cuDNN/oneDNN layer helpers (default: disabled). */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jRuntime.class);
    private static volatile RuntimeInfo info;
    private static volatile IllegalStateException failure;

    private Dl4jRuntime() {}

    /**
     * Idempotent; logs the runtime once.
     *
     * @throws IllegalStateException when nd4j's backend does not start (a CUDA build without a usable
     *                               GPU), every time it is called, with the first failure's cause
     */
    public static synchronized RuntimeInfo init() {
        SuiteSwitches.refuseUnknown();
        if (failure != null) {
            throw failure;
        }
        if (info == null) {
            if (HostArrays.emulatingCuda()) {
                // The code CUDA runs: no oneDNN inside libnd4j's ops, no DL4J layer helpers.
                System.setProperty(HELPERS_DISABLE, "true");
                Nd4j.getEnvironment().allowHelpers(false);
            } else if (System.getProperty(HELPERS_DISABLE) == null) {
                System.setProperty(HELPERS_DISABLE, "false");
            }
            try {
                info = probe();
            } catch (RuntimeException | LinkageError e) {
                failure = new IllegalStateException("nd4j's backend (" + buildProperties().getProperty("nd4j.backend", "?")
                        + ") did not start: " + rootCause(e), e);
                throw failure;
            }
            LOG.info("{}", info.summary());
            if (HostArrays.emulatingCuda()) {
                LOG.info("CUDA-path emulation (-D{}=true): nd4j-op optimizer steps, composed GELU, DL4J's batch norm, "
                        + "no oneDNN and no layer helpers", HostArrays.EMULATE_CUDA);
            } else if (info.backend().equalsIgnoreCase("CPU") && !info.oneDnn()) {
                LOG.warn("oneDNN is not active: convolutions will be several times slower. Use an nd4j-native "
                        + "'-onednn' classifier (see README, Profiles).");
            }
        }
        return info;
    }

    /**
     * One line naming the backend a command runs on, and saying so when a build made for CUDA
     * ({@code -Pcuda}) runs on the CPU backend.
     */
    public static String backendLine(RuntimeInfo info) {
        return backendLine(info, buildProperties().getProperty("nd4j.backend", ""));
    }

    /** As {@link #backendLine(RuntimeInfo)} for a jar built with the backend artifact {@code builtWith}. */
    static String backendLine(RuntimeInfo info, String builtWith) {
        String line = "backend: " + info.summary();
        boolean cudaBuild = builtWith.contains("cuda");
        if (cudaBuild && !info.backend().toUpperCase(java.util.Locale.ROOT).contains("CUDA")) {
            line += " -- NOTE: this jar was built with -Pcuda but nd4j started its " + info.backend()
                    + " backend, so this runs on the CPU (no usable GPU: see ./vsgd-suite gpu-check)";
        }
        return line;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return (t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()))
                .strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static RuntimeInfo probe() {
        Properties build = buildProperties();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = String.valueOf(env.getProperty("backend", "unknown"));
        boolean oneDnn = org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN() && Nd4j.getEnvironment().helpersAllowed();
        boolean helpers = !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE, "true"));
        boolean helpersAllowed = Nd4j.getEnvironment().helpersAllowed();
        return new RuntimeInfo(
                backend,
                nativeBuild(),
                build.getProperty("nd4j.backend", "?"),
                build.getProperty("dl4j.version", "?"),
                oneDnn,
                helpers && helpersAllowed,
                Nd4j.getEnvironment().maxThreads(),
                System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                gpuModel(env),
                Nd4j.dataType().toString(),
                HostArrays.emulatingCuda() ? RuntimeInfo.CUDA_EMULATED
                        : backend.toUpperCase(java.util.Locale.ROOT).contains("CUDA") ? "cuda" : "cpu");
    }

    /** The folder the nd4j native library was loaded from, e.g. linux-x86_64-onednn-avx2. */
    private static String nativeBuild() {
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().contains("nd4jcpu") || e.getKey().contains("nd4jcuda")) {
                Path p = Paths.get(e.getValue());
                return p.getParent() != null ? p.getParent().getFileName().toString() : e.getValue();
            }
        }
        return "unknown";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String gpuModel(Properties env) {
        Object devices = env.get("cuda.devicesInformation");
        return devices == null ? null : devices.toString();
    }

    /** The build's {@code vsgd-suite.properties} (versions Maven filtered in); empty when not built by Maven. */
    public static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = Dl4jRuntime.class.getResourceAsStream("/vsgd-suite.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
