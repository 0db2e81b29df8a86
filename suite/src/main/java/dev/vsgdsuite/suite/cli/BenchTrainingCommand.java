package dev.vsgdsuite.suite.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.bench.BenchNetwork;
import dev.vsgdsuite.suite.bench.FlightRecording;
import dev.vsgdsuite.suite.bench.IterationTiming;
import dev.vsgdsuite.suite.bench.PairedTrainingIterations;
import dev.vsgdsuite.suite.bench.ParityTable;
import dev.vsgdsuite.suite.bench.TorchReferenceScript;
import dev.vsgdsuite.suite.bench.Variant;
import dev.vsgdsuite.suite.model.TrainableParameters;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench-training", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Time one training iteration per network and optimizer, optionally beside PyTorch's.",
        description = {
        "Times one training iteration (forward, loss, backward, optimizer step) of",
        "each network, built as its experiment's training builds it, with each",
        "optimizer. The optimizers take turns in one JVM, one iteration each per round",
        "in a rotating order after unrecorded warm-up rounds, so machine noise hits",
        "all alike. Prints per network the median and interquartile range per",
        "optimizer, VSGD/Adam and the peak resident memory; with --torch or",
        "--with-torch also PyTorch's times (tools/torch_reference.py) and",
        "suite/PyTorch, as Markdown tables. Run it on an otherwise idle machine.",
        "Networks: demo (ConvMixer 16/4, 1x28x28, 10 classes); vgg16, convmixer256,",
        "resnext18 (3x32x32, 100 classes); vgg19-tiny, convmixer256-tiny, resnext18-tiny",
        "(3x64x64, 200 classes; no PyTorch counterpart, for the memory ceiling)."})
final class BenchTrainingCommand implements Callable<Integer> {

    /** What the PyTorch script can time: torch.optim's Adam and SGD with momentum. */
    private static final List<String> TORCH_OPTIMIZERS = List.of("adam", "sgd");

    @Spec
    CommandSpec spec;

    @Option(names = "--networks", defaultValue = "demo", paramLabel = "LIST",
            description = "comma-separated, of: demo, vgg16, convmixer256, resnext18, vgg19-tiny, convmixer256-tiny, "
                    + "resnext18-tiny (default ${DEFAULT-VALUE})")
    String networks;

    @Option(names = "--rounds", defaultValue = "300", description = "measured rounds (one iteration per optimizer each; default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", defaultValue = "100", description = "unrecorded rounds first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--optimizers", split = ",", defaultValue = "vsgd,adam,sgd", description = "default ${DEFAULT-VALUE}")
    List<String> optimizers;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N|experiment",
            description = "batch size, or 'experiment' for each experiment's train.batch_size (default ${DEFAULT-VALUE})")
    String batch;

    @ArgGroup(exclusive = true)
    Torch torch;

    static final class Torch {
        @Option(names = "--torch", paramLabel = "FILE", required = true,
                description = "PyTorch's timings: the JSON lines of /usr/bin/python3 tools/torch_reference.py > FILE")
        Path file;

        @Option(names = "--with-torch", required = true,
                description = "after the suite's rounds, run tools/torch_reference.py with the same settings (needs torch)")
        boolean run;
    }

    @Option(names = "--python", defaultValue = TorchReferenceScript.DEFAULT_PYTHON, paramLabel = "PATH",
            description = "the Python --with-torch runs (default ${DEFAULT-VALUE}, Debian's, with python3-torch)")
    Path python;

    @Option(names = "--torch-threads", paramLabel = "N", description = "--with-torch: PyTorch's threads (default: torch's default)")
    Integer torchThreads;

    @Option(names = "--json", paramLabel = "FILE", description = "also write every timing (suite and PyTorch) as JSON lines")
    Path json;

    @Option(names = "--variant", paramLabel = "PROPERTY=VALUE",
            description = {"also time, per optimizer, the network built and run with this switch (repeatable),",
                    "taking turns with the default: e.g. suite.convCache=false, suite.groupedConv=slices,",
                    "suite.fastLayers=false, suite.gelu=ops; rows are labelled 'OPTIMIZER [PROPERTY=VALUE]'"})
    List<String> variants = new ArrayList<>();

    @Option(names = "--jfr", paramLabel = "FILE.jfr",
            description = {"sample the measured rounds with JDK Flight Recorder and print per network where an",
                    "iteration's time goes (layer type and direction, optimizer step, JavaCPP's memory check);",
                    "each network's recording is kept as FILE-NETWORK.jfr (for jfr print)"})
    Path recording;

    @Override
    public Integer call() throws IOException {
        List<BenchNetwork> nets = parseNetworks();
        checkNumbers();
        List<Variant> parsedVariants = new ArrayList<>();
        for (String v : variants) {
            try {
                parsedVariants.add(Variant.parse(v));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--variant " + e.getMessage());
            }
        }
        List<IterationTiming> torchTimings = new ArrayList<>();
        String torchSource = null;
        TorchReferenceScript script = null;
        List<String> torchOptimizers = optimizers.stream().filter(TORCH_OPTIMIZERS::contains).toList();
        if (torch != null && torch.file != null) {
            torchSource = torch.file.toString();
            torchTimings = readTorchFile(torch.file);
        } else if (torch != null && torch.run) {
            if (torchOptimizers.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--with-torch: --optimizers " + String.join(",", optimizers)
                        + " has none PyTorch's script times; add adam or sgd");
            }
            List<String> notInScript = nets.stream().filter(n -> !n.inTorchReference()).map(BenchNetwork::key).toList();
            if (!notInScript.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--with-torch: PyTorch's script has no "
                        + String.join(", ", notInScript) + "; time those without --with-torch");
            }
            script = TorchReferenceScript.of(python);
            script.requireTorch();
        }
        List<Integer> batches = new ArrayList<>();
        for (BenchNetwork n : nets) {   // every config resolved and compared before anything is timed
            PairedTrainingIterations.configs(n, optimizers);
            batches.add(batchOf(n));
        }
        if (!torchTimings.isEmpty()) {
            ParityTable.checkComparable(shapes(nets, batches), torchTimings, torchSource);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<PairedTrainingIterations.Result> results = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            PairedTrainingIterations.Result r = PairedTrainingIterations.measure(nets.get(i), optimizers, batches.get(i),
                    warmup, rounds, 1, parsedVariants, recording == null ? null : FlightRecording.fileFor(recording, nets.get(i).key()));
            out.print(PairedTrainingIterations.describe(r));
            out.println();
            if (r.recording() != null) {
                out.print(FlightRecording.markdown("Where the time goes in " + nets.get(i).key() + " (" + String.join(", ", optimizers)
                        + " taking turns; " + r.recording().file() + ")", r.recording().shares(), r.recording().msPerIteration()));
                out.println();
            }
            out.flush();
            results.add(r);
        }
        if (script != null) {   // strictly after the suite's rounds: the two never share the machine
            torchSource = "the output of " + script.script().getFileName();
            torchTimings = script.run(TorchReferenceScript.arguments(nets, torchOptimizers, batch, warmup, rounds,
                    torchThreads));
            ParityTable.checkComparable(results.stream().map(PairedTrainingIterations.Result::shape).toList(),
                    torchTimings, torchSource);
        }
        out.print(ParityTable.markdown(results, torchTimings));
        out.flush();
        if (json != null) {
            writeJson(results, torchTimings);
        }
        return ExitCode.DONE.code();
    }

    private List<BenchNetwork> parseNetworks() {
        try {
            return BenchNetwork.list(networks);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--networks " + networks + ": " + e.getMessage());
        }
    }

    private void checkNumbers() {
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds " + rounds + ": give at least 1 measured round");
        }
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup " + warmup + ": give 0 or more warm-up rounds");
        }
        if (!batch.equals("experiment") && !batch.matches("[1-9][0-9]{0,5}")) {
            throw new ParameterException(spec.commandLine(), "--batch " + batch
                    + ": give a positive batch size or 'experiment' (each experiment's train.batch_size)");
        }
        if (torchThreads != null && torchThreads < 1) {
            throw new ParameterException(spec.commandLine(), "--torch-threads " + torchThreads + ": give 1 or more");
        }
        if (torchThreads != null && (torch == null || !torch.run)) {
            throw new ParameterException(spec.commandLine(), "--torch-threads applies to --with-torch only");
        }
        if (recording != null && (Files.isDirectory(recording) || !Files.isDirectory(recording.toAbsolutePath().getParent()))) {
            throw new ParameterException(spec.commandLine(), "--jfr " + recording
                    + ": give a file name in an existing folder (FILE-NETWORK.jfr is written per network)");
        }
        if (json != null && (Files.isDirectory(json) || !Files.isDirectory(json.toAbsolutePath().getParent()))) {
            throw new ParameterException(spec.commandLine(), "--json " + json
                    + ": give a file in an existing folder (it is written after the rounds)");
        }
    }

    private int batchOf(BenchNetwork network) {
        return batch.equals("experiment") ? network.config(optimizers.get(0)).train().batchSize() : Integer.parseInt(batch);
    }

    private static List<IterationTiming> readTorchFile(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("--torch " + file + " is a folder; give the file the script's output went to "
                    + "(/usr/bin/python3 tools/torch_reference.py > FILE)");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "--torch: no such file; write one with /usr/bin/python3 tools/torch_reference.py > " + file);
        }
        return IterationTiming.parsePyTorch(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Each network's batch and parameter count before any timing, so a PyTorch file of another batch
     * or network fails now rather than after the suite's rounds. Builds each network once, untimed.
     */
    private static List<ParityTable.Shape> shapes(List<BenchNetwork> nets, List<Integer> batches) {
        List<ParityTable.Shape> shapes = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            ComputationGraph graph = nets.get(i).spec().build(1);
            try {
                shapes.add(new ParityTable.Shape(nets.get(i).key(), batches.get(i), TrainableParameters.count(graph)));
            } finally {
                graph.close();
            }
        }
        return shapes;
    }

    private void writeJson(List<PairedTrainingIterations.Result> results, List<IterationTiming> torchTimings)
            throws IOException {
        List<String> lines = new ArrayList<>();
        results.forEach(r -> r.timings().values().forEach(t -> lines.add(t.toJsonLine())));
        torchTimings.forEach(t -> lines.add(t.toJsonLine()));
        Files.write(json, lines, StandardCharsets.UTF_8);
    }
}
