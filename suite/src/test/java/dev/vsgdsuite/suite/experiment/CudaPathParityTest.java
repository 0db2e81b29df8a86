package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.train.Progress;
import dev.vsgdsuite.suite.train.RunDirectory;
import dev.vsgdsuite.suite.train.RunResult;
import dev.vsgdsuite.vsgd.HostArrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The smoke experiments on the CUDA path (emulated: this JVM) against the default CPU path (a child
 * JVM without the switch), a short run each from one seed, compared by their training losses.
 *
 * <p>The two paths compute the same functions with different kernels: oneDNN's convolutions against
 * libnd4j's own, the SIMD GELU and batch norm against nd4j ops and DL4J's layer, fused optimizer
 * loops against nd4j ops. Each rounds in float32, so the losses part from step 1 by rounding and
 * training amplifies the difference each step. Two bounds, each with a margin over the worst measured
 * (docs/GPU.md): a tight one on the first iterations, where a wrong convolution, batch norm,
 * activation or optimizer step already shows by orders of magnitude, and a loose one over the run.
 */
@Tag("emulated-cuda")
class CudaPathParityTest {

    /**
     * Largest |loss − loss on the default path| / max(1, |loss on the default path|) over the first
     * {@link #EARLY} iterations (the forward pass of the initial weights, then two steps: rounding only;
     * measured at most 1.0e-7) and over all {@link #ITERATIONS} (rounding amplified by training; measured
     * at most 2.0e-3, ResNeXt with VSGD, whose normalised step turns the rounding noise of the analytically
     * zero gradients of the biases before batch norm into full-size steps).
     */
    static final double EARLY_TOLERANCE = 1e-5;
    static final double LOSS_TOLERANCE = 1e-2;
    static final int EARLY = 3;
    static final int ITERATIONS = 8;

    static final Profile SMOKE = Profile.load("smoke");

    @TempDir
    static Path tmp;
    private static Path defaultRuns;

    /**
     * The smoke runs (the Tiny ImageNet pipelines build the same networks as CIFAR-100's at 64×64, so
     * they are left to the smoke suite) and the optimizers the pipelines leave out on one paper
     * network, cut to a few iterations.
     */
    static List<List<String>> runs() {
        List<List<String>> out = new ArrayList<>();
        for (String group : List.of("demo", "pipelines")) {
            for (Invocation inv : SMOKE.group(group).runs(SMOKE.name())) {
                if (!inv.experiment().startsWith("tiny_imagenet")) {
                    out.add(shortened(inv.arguments()));
                }
            }
        }
        for (String optimizer : List.of("adam", "adamw")) {
            Invocation inv = SMOKE.group("pipelines").runs(SMOKE.name()).stream()
                    .filter(i -> i.experiment().equals("cifar100_convmixer")).findFirst().orElseThrow();
            out.add(shortened(new Invocation(inv.profile(), inv.experiment(), optimizer, inv.seed(), inv.overrides())
                    .arguments()));
        }
        return out;
    }

    private static List<String> shortened(List<String> args) {
        List<String> out = new ArrayList<>(args.stream().filter(a -> !a.startsWith("train.") || a.startsWith("train.seed=")
                || a.startsWith("train.batch_size=") || a.startsWith("train.test_batch_size=")).toList());
        out.addAll(List.of("train.max_iter=" + ITERATIONS, "train.log_freq=1", "train.val_freq=0",
                "train.eval_test_freq=0", "train.save_freq=0", "train.optimizer_log_freq=0"));
        return out;
    }

    /** The default path's runs, all in one child JVM. */
    @BeforeAll
    static void runTheDefaultPathInAChildJvm() throws Exception {
        assertThat(HostArrays.emulatingCuda()).as("this test runs in the cuda-path execution").isTrue();
        defaultRuns = tmp.resolve("default");
        Path list = tmp.resolve("runs.txt");
        Files.write(list, runs().stream().map(a -> String.join(" ", a)).toList());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-D" + HostArrays.EMULATE_CUDA) && !arg.startsWith("-Dorg.eclipse.deeplearning4j.helpers")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-D" + ProjectPaths.ROOT_PROPERTY + "=" + ProjectPaths.root(), RunList.class.getName(),
                list.toString(), defaultRuns.toString()));
        Path log = tmp.resolve("default.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done && p.exitValue() == 0).as("the default path's runs; log:\n" + Files.readString(log)).isTrue();
        assertThat(Files.readString(log)).as("the child ran the default path").contains("path=cpu");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void theCudaPathTrainsAsTheDefaultPathDoes(List<String> args) throws Exception {
        RunConfig config = Experiment.resolve(args);
        RunResult emulated = Experiment.run(config, tmp.resolve("emulated"), RunOptions.quiet());
        assertThat(emulated.runtime().path()).isEqualTo("cuda-emulated");
        RunDirectory reference = RunList.find(defaultRuns, args);
        List<JsonNode> a = trainingLines(new RunDirectory(Path.of(emulated.runDir())).readMetrics());
        List<JsonNode> b = trainingLines(reference.readMetrics());
        assertThat(a).hasSize(ITERATIONS).hasSameSizeAs(b);
        double worst = 0;
        double worstEarly = 0;
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            double la = a.get(i).path("train_loss").asDouble(Double.NaN);
            double lb = b.get(i).path("train_loss").asDouble(Double.NaN);
            assertThat(la).as("emulated loss at iteration %d", i + 1).isFinite();
            double d = Math.abs(la - lb) / Math.max(1, Math.abs(lb));
            each.append(String.format(Locale.ROOT, " %.1e", d));
            worst = Math.max(worst, d);
            worstEarly = i < EARLY ? Math.max(worstEarly, d) : worstEarly;
        }
        System.out.printf(Locale.ROOT, "cuda-path parity %s: worst relative loss difference %.3g over %d iterations"
                + " (per iteration:%s)%n", String.join(" ", args), worst, a.size(), each);
        assertThat(worstEarly).as("worst relative training-loss difference to the default path, iterations 1-" + EARLY)
                .isLessThanOrEqualTo(EARLY_TOLERANCE);
        assertThat(worst).as("worst relative training-loss difference to the default path").isLessThanOrEqualTo(LOSS_TOLERANCE);
    }

    private static List<JsonNode> trainingLines(List<JsonNode> metrics) {
        return metrics.stream().filter(m -> m.has("train_loss")).toList();
    }

    /** The child JVM's main: runs every argument line of a file into a folder, one subfolder per line. */
    public static final class RunList {
        public static void main(String[] argv) throws Exception {
            List<String> lines = Files.readAllLines(Path.of(argv[0]));
            Path root = Path.of(argv[1]);
            for (int i = 0; i < lines.size(); i++) {
                RunResult r = Experiment.run(Experiment.resolve(List.of(lines.get(i).split(" "))),
                        root.resolve(String.valueOf(i)), RunOptions.quiet());
                System.out.println("run " + i + " path=" + r.runtime().path() + " " + lines.get(i));
            }
        }

        static RunDirectory find(Path root, List<String> args) throws Exception {
            int i = runs().indexOf(args);
            try (var s = Files.list(root.resolve(String.valueOf(i)))) {
                return new RunDirectory(s.filter(Files::isDirectory).findFirst().orElseThrow());
            }
        }
    }
}
