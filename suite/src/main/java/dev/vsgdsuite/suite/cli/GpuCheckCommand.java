package dev.vsgdsuite.suite.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.device.DeviceReport;
import dev.vsgdsuite.suite.device.ModelTiming;
import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.golden.GoldenReplay;
import dev.vsgdsuite.suite.golden.GoldenTrajectory;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.vsgd.VsgdUpdater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "gpu-check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Check the GPU before a long run: device and versions, golden replays, a few iterations per model.",
        description = {"Check the GPU before a long run (build with -Pcuda: mvn -Pcuda -DskipTests package):",
                "1. the backend, devices, CUDA driver, runtime and cuDNN versions nd4j sees;",
                "2. the golden trajectories (fixtures/vsgd-golden*.json, VSGD with its own kernel and the nd4j-op one; "
                        + "fixtures/baselines-golden.json, each baseline through its config's updater) replayed on "
                        + "this backend;",
                "3. a few training iterations of each paper model at the authors' batch size: ms/iter and memory.",
                "On a machine without a GPU it runs what it can on the CPU backend and says so."},
        footer = {"", "Exit codes:", "  0  every replay matched and every model trained",
                "  6  a replay mismatched, a model did not train, or --require-gpu and no GPU",
                "  2  bad usage"})
final class GpuCheckCommand implements Callable<Integer> {

    @Option(names = "--require-gpu", description = "Fail (exit 6) unless nd4j runs on CUDA with a device: for CI.")
    boolean requireGpu;

    @Option(names = "--models", split = ",", paramLabel = "EXPERIMENT",
            description = "The experiments whose networks to train (default: the six paper experiments); none: --models=")
    List<String> models;

    @Option(names = "--warmup", description = "Untimed iterations per model (default 2 on a GPU, 0 on the CPU).")
    Integer warmup;

    @Option(names = "--iterations", description = "Timed iterations per model (default 5 on a GPU, 1 on the CPU, where "
            + "one iteration of VGG16 at batch 256 takes minutes).")
    Integer iterations;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Another batch size than the experiments' (a quick look; the timings are then not the paper's).")
    Integer batchSize;

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
        PrintWriter out = spec.commandLine().getOut();
        List<String> failures = new ArrayList<>();

        DeviceReport device = DeviceReport.probe();
        device.lines().forEach(out::println);
        if (device.startFailure() != null) {
            out.println("NO GPU: nd4j's backend did not start, so nothing can run. Check nvidia-smi, the driver and "
                    + "that CUDA 11.6 with cuDNN 8.3 is installed (README, GPU CI).");
            return finish(out, List.of("the backend did not start: " + device.startFailure()));
        }
        if (!device.hasGpu()) {
            out.println("NO GPU: nd4j runs on its " + device.runtime().backend() + " backend; what follows runs on the "
                    + "CPU. On a GPU machine build with -Pcuda (mvn -Pcuda -DskipTests package).");
            if (requireGpu) {
                failures.add("no GPU (--require-gpu)");
            }
        }

        out.println();
        out.println("Golden trajectories on " + device.runtime().backend() + ":");
        for (GoldenTrajectory t : GoldenTrajectory.fixtures(ProjectPaths.fixtures())) {
            List<GoldenReplay.Outcome> outcomes = new ArrayList<>(List.of(GoldenReplay.replay(t)));
            if (outcomes.get(0).variant().startsWith("kernel") && !outcomes.get(0).variant().endsWith("ND4J_OPS")) {
                outcomes.add(GoldenReplay.replay(t, VsgdUpdater.Kernel.ND4J_OPS));   // the kernel CUDA runs
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

        if (!experiments.isEmpty()) {
            int warm = warmup != null ? warmup : device.hasGpu() ? 2 : 0;
            int timed = iterations != null ? iterations : device.hasGpu() ? 5 : 1;
            out.println();
            out.printf("Training iterations (%d warm-up, median of %d, random images, the experiment's optimizer):%n",
                    warm, timed);
            out.println("  " + ModelTiming.header());
            for (String e : experiments) {
                ModelTiming t = ModelTiming.measure(e, batchSize, warm, timed, device.hasGpu());
                out.println("  " + t.line());
                out.flush();
                if (!t.ok()) {
                    failures.add("model " + e + ": " + (t.error() != null ? t.error() : "loss " + t.finalLoss()));
                }
            }
        }
        return finish(out, failures);
    }

    private int finish(PrintWriter out, List<String> failures) {
        out.println();
        if (failures.isEmpty()) {
            out.println("gpu-check: passed");
            out.flush();
            return ExitCodes.DONE;
        }
        out.println("gpu-check: FAILED");
        failures.forEach(f -> out.println("  " + f));
        out.flush();
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + failures.size() + " check(s) failed: "
                + failures.get(0));
        spec.commandLine().getErr().flush();
        return ExitCodes.CHECK_FAILED;
    }
}
