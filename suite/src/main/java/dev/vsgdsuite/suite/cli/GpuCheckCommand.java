package dev.vsgdsuite.suite.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.device.CheckReference;
import dev.vsgdsuite.suite.device.CheckpointOnDevice;
import dev.vsgdsuite.suite.device.CudaArchitectures;
import dev.vsgdsuite.suite.device.DeviceReport;
import dev.vsgdsuite.suite.device.ModelTiming;
import dev.vsgdsuite.suite.device.NetworkCheck;
import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.golden.GoldenConfigs;
import dev.vsgdsuite.suite.golden.Replays;
import dev.vsgdsuite.suite.optim.AdamStep;
import dev.vsgdsuite.suite.runtime.GitCommit;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.vsgd.HostArrays;
import dev.vsgdsuite.vsgd.VsgdUpdater;
import dev.vsgdsuite.vsgd.golden.GoldenReplay;
import dev.vsgdsuite.vsgd.golden.GoldenTrajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "gpu-check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Check a GPU before a long run: it can run the build, computes what the CPU computes, checkpoints, "
                + "and what an iteration costs.",
        description = {"Check the GPU before a long run (build with -Pcuda: mvn -Pcuda -DskipTests package):",
                "1. the backend, devices, CUDA driver, runtime and cuDNN versions; a device whose compute capability "
                        + "the native library has no code for (9.0 and newer) stops the check at once;",
                "2. the golden trajectories (fixtures/vsgd-golden*.json, fixtures/baselines-golden.json) replayed on "
                        + "this backend;",
                "3. every network, from one seed: the initial outputs and each optimizer's first losses against the "
                        + "CPU's emulated CUDA path (fixtures/gpu-check-reference.json);",
                "4. the trainer loop and a checkpoint saved, restored and continued on this backend;",
                "5. SGD, Adam and VSGD iterations side by side at the experiment's batch size: ms/iter and memory.",
                "On a machine without a GPU it runs what it can on the CPU backend and says so."},
        footer = {"", "Exit codes:", "  0  every check passed",
                "  6  a device the build cannot run, a replay or network off the CPU's, a checkpoint that does not "
                        + "continue, a model that did not train, or --require-gpu and no GPU",
                "  2  bad usage"})
final class GpuCheckCommand implements Callable<Integer> {

    @Option(names = "--require-gpu", description = "Fail (exit 6) unless nd4j runs on CUDA with a device: for CI.")
    boolean requireGpu;

    @Option(names = "--models", split = ",", paramLabel = "EXPERIMENT",
            description = "The experiments whose networks to check (default: every experiment's); none: --models=")
    List<String> models;

    @Option(names = "--warmup", description = "Untimed iterations per model and optimizer (default 2 on a GPU, 0 on the CPU).")
    Integer warmup;

    @Option(names = "--iterations", description = "Timed iterations per model and optimizer (default 5 on a GPU, 1 on "
            + "the CPU, where one iteration of VGG16 at batch 256 takes minutes).")
    Integer iterations;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Another batch size than the experiments' for the timings (a quick look; they are then not the paper's).")
    Integer batchSize;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "The reference check 3 compares against (default: fixtures/" + CheckReference.FILE + ")")
    Path reference;

    @Option(names = "--write-reference", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "Write the networks' reference (check 3) from this JVM and stop; it must run the emulated CUDA "
                    + "path: VSGD_JAVA_OPTS=\"-Xmx6g -Dvsgd.emulateCuda=true\" ./vsgd-suite gpu-check --write-reference "
                    + "(default file: fixtures/" + CheckReference.FILE + ")")
    String writeReference;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((warmup != null && warmup < 0) || (iterations != null && iterations < 1) || (batchSize != null && batchSize < 1)) {
            throw new ParameterException(spec.commandLine(), "--warmup must be >= 0, --iterations and --batch-size >= 1");
        }
        List<String> experiments = models == null ? List.copyOf(ModelCatalog.paperModels().keySet())
                : models.stream().filter(m -> !m.isBlank()).toList();
        for (String e : experiments) {
            if (!ModelCatalog.paperModels().containsKey(e)) {
                throw new ParameterException(spec.commandLine(), "--models " + e + " is not a paper experiment; choose from "
                        + ModelCatalog.paperModels().keySet());
            }
        }
        if (writeReference != null && !HostArrays.emulatingCuda()) {
            throw new ParameterException(spec.commandLine(), "--write-reference records the CPU's emulated CUDA path: "
                    + "run it as VSGD_JAVA_OPTS=\"-Xmx6g -Dvsgd.emulateCuda=true\" ./vsgd-suite gpu-check --write-reference");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> failures = new ArrayList<>();

        DeviceReport device = DeviceReport.probe();
        device.lines().forEach(out::println);
        if (device.startFailure() != null) {
            out.println("NO GPU: nd4j's backend did not start, so nothing can run. Check nvidia-smi, the driver and "
                    + "that CUDA 11.6 with cuDNN 8.3 is installed (docs/GPU.md).");
            return finish(out, List.of("the backend did not start: " + device.startFailure()));
        }
        for (DeviceReport.Gpu gpu : device.gpus()) {
            if (!CudaArchitectures.supports(gpu.major(), gpu.minor())) {
                out.println("STOP: GPU #" + gpu.index() + " " + gpu.name() + ": " + CudaArchitectures.refusal(gpu.major(), gpu.minor()));
                return finish(out, List.of("GPU #" + gpu.index() + " (" + gpu.name() + ", compute capability " + gpu.major()
                        + "." + gpu.minor() + ") cannot run nd4j-cuda-11.6's kernels"));
            }
        }
        if (!device.hasGpu()) {
            out.println("NO GPU: nd4j runs on its " + device.runtime().backend() + " backend (path "
                    + device.runtime().path() + "); what follows runs on the CPU. On a GPU machine build with -Pcuda "
                    + "(mvn -Pcuda -DskipTests package).");
            if (requireGpu) {
                failures.add("no GPU (--require-gpu)");
            }
        }
        if (writeReference != null) {
            return writeReference(out, experiments, device);
        }

        goldenReplays(out, device, failures);
        if (!experiments.isEmpty()) {
            networks(out, experiments, failures);
            CheckpointOnDevice checkpoint = CheckpointOnDevice.run(experiments.get(0), device.hasGpu());
            out.println();
            checkpoint.lines().forEach(l -> out.println("  " + l));
            failures.addAll(checkpoint.failures());
            timings(out, experiments, device.hasGpu(), failures);
        }
        return finish(out, failures);
    }

    private static void goldenReplays(PrintWriter out, DeviceReport device, List<String> failures) throws Exception {
        out.println();
        out.println("Golden trajectories on " + device.runtime().backend() + ":");
        for (GoldenTrajectory t : Replays.shipped()) {
            List<GoldenReplay.Outcome> outcomes = new ArrayList<>(List.of(Replays.replay(t)));
            if (t.optimizer().equals("vsgd") && !outcomes.get(0).variant().endsWith("ND4J_OPS")) {
                // the kernel CUDA runs
                outcomes.add(Replays.replay(t, GoldenConfigs.config(t, AdamStep.TORCH), VsgdUpdater.Kernel.ND4J_OPS));
            }
            for (GoldenReplay.Outcome o : outcomes) {
                out.printf("  %-4s %s [%s]: %s%n", o.passed() ? "ok" : "OFF", t, o.variant(),
                        o.passed() ? "worst " + o.worstLine() : o.mismatch());
                if (!o.passed()) {
                    failures.add("golden " + t.name() + " [" + o.variant() + "]: " + o.mismatch());
                }
            }
        }
        out.flush();
    }

    private void networks(PrintWriter out, List<String> experiments, List<String> failures) {
        Path file = this.reference != null ? this.reference : ProjectPaths.fixtures().resolve(CheckReference.FILE);
        CheckReference reference = CheckReference.read(file);
        out.println();
        out.printf(Locale.ROOT, "Networks against the CPU's emulated CUDA path (%s, batch %d, seeded images; %s, "
                        + "%s at commit %s): initial outputs (tolerance %.0e) and %d losses of each of %s at lr %s "
                        + "(tolerance %.0e):%n",
                file.getFileName(), NetworkCheck.BATCH, reference.provenance().get("path"),
                reference.provenance().get("date"), reference.provenance().get("commit"), NetworkCheck.OUTPUT_TOLERANCE,
                NetworkCheck.ITERATIONS, NetworkCheck.OPTIMIZERS, NetworkCheck.LEARNING_RATE, NetworkCheck.LOSS_TOLERANCE);
        if (reference.batchSize() != NetworkCheck.BATCH || reference.iterations() != NetworkCheck.ITERATIONS
                || reference.lr() != NetworkCheck.LEARNING_RATE) {
            failures.add(file + " was written for batch " + reference.batchSize() + ", " + reference.iterations()
                    + " iterations and lr " + reference.lr() + "; write it again (gpu-check --write-reference)");
            return;
        }
        for (String e : experiments) {
            NetworkCheck check = NetworkCheck.run(e);
            CheckReference.Network ref = reference.networks().get(e);
            List<String> off = check.compare(ref);
            out.printf(Locale.ROOT, "  %-4s %-24s %-24s %s%n", off.isEmpty() ? "ok" : "OFF", e, check.model(),
                    off.isEmpty() ? String.format(Locale.ROOT, "worst loss difference %.2g", check.worstLossDifference(ref))
                            : off.get(0));
            out.flush();
            failures.addAll(off);
        }
    }

    private void timings(PrintWriter out, List<String> experiments, boolean gpu, List<String> failures) {
        int warm = warmup != null ? warmup : gpu ? 2 : 0;
        int timed = iterations != null ? iterations : gpu ? 5 : 1;
        out.println();
        out.printf("Iterations side by side (%d warm-up, median of %d, random images): an optimizer whose step copies "
                + "its state between device and host shows here as a VSGD/Adam or Adam/SGD ratio well above 1:%n", warm, timed);
        out.println("  " + ModelTiming.header());
        for (String e : experiments) {
            Map<String, ModelTiming> byOptimizer = new LinkedHashMap<>();
            for (String optimizer : List.of("sgd", "adam", "vsgd")) {
                ModelTiming t = ModelTiming.measure(e, optimizer, batchSize, warm, timed, gpu);
                byOptimizer.put(optimizer, t);
                out.println("  " + t.line());
                out.flush();
                if (!t.ok()) {
                    failures.add("model " + e + " " + optimizer + ": " + (t.error() != null ? t.error() : "loss " + t.finalLoss()));
                }
            }
            double sgd = byOptimizer.get("sgd").msPerIter();
            double adam = byOptimizer.get("adam").msPerIter();
            double vsgd = byOptimizer.get("vsgd").msPerIter();
            out.printf(Locale.ROOT, "  %-24s VSGD/Adam %.2fx, Adam/SGD %.2fx%n", e, vsgd / adam, adam / sgd);
        }
    }

    private int writeReference(PrintWriter out, List<String> experiments, DeviceReport device) throws Exception {
        Path file = writeReference.isEmpty() ? ProjectPaths.fixtures().resolve(CheckReference.FILE) : Path.of(writeReference);
        List<NetworkCheck> checks = new ArrayList<>();
        for (String e : experiments) {
            NetworkCheck c = NetworkCheck.run(e);
            if (c.error() != null) {
                return finish(out, List.of(e + " did not train: " + c.error()));
            }
            out.println("  reference " + e + " (" + c.model() + ")");
            out.flush();
            checks.add(c);
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("command", "VSGD_JAVA_OPTS=\"-Xmx6g -Dorg.bytedeco.javacpp.maxbytes=12g "
                + "-Dorg.bytedeco.javacpp.maxphysicalbytes=18g -Dvsgd.emulateCuda=true\" ./vsgd-suite gpu-check --write-reference"
                + (models == null ? "" : " --models " + String.join(",", experiments)));
        provenance.put("commit", GitCommit.current());
        provenance.put("date", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        provenance.put("path", device.runtime().path());
        provenance.put("runtime", device.runtime().summary());
        CheckReference.of(provenance, NetworkCheck.BATCH, NetworkCheck.ITERATIONS, NetworkCheck.LEARNING_RATE, checks)
                .write(file);
        out.println("gpu-check: wrote " + file);
        out.flush();
        return ExitCode.DONE.code();
    }

    private int finish(PrintWriter out, List<String> failures) {
        out.println();
        if (failures.isEmpty()) {
            out.println("gpu-check: passed");
            out.flush();
            return ExitCode.DONE.code();
        }
        out.println("gpu-check: FAILED");
        failures.forEach(f -> out.println("  " + f));
        out.flush();
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + failures.size() + " check(s) failed: "
                + failures.get(0));
        spec.commandLine().getErr().flush();
        return ExitCode.CHECK_FAILED.code();
    }
}
