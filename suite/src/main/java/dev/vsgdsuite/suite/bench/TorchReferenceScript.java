package dev.vsgdsuite.suite.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsgdsuite.suite.runtime.ProjectPaths;

/**
 * Runs {@code tools/torch_reference.py}, the PyTorch half of the comparison, with a given Python
 * (Debian's {@code /usr/bin/python3}, which has {@code python3-torch}): its JSON lines are read from
 * its stdout, its table and progress pass through to this process's stderr.
 */
public final class TorchReferenceScript {

    /** The interpreter the script names as its requirement. */
    public static final String DEFAULT_PYTHON = "/usr/bin/python3";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path python;
    private final Path script;

    public TorchReferenceScript(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The project's script, run with {@code python}. */
    public static TorchReferenceScript of(Path python) {
        return new TorchReferenceScript(python, ProjectPaths.root().resolve("tools").resolve("torch_reference.py"));
    }

    public Path script() {
        return script;
    }

    /**
     * Fails unless {@code python} can import torch: checked before the suite's own rounds, so a
     * missing PyTorch is known at once and not after an hour of timing.
     *
     * @throws IOException naming the interpreter and the fix
     */
    public void requireTorch() throws IOException {
        String fix = "install Debian's python3-torch (apt-get install python3-torch), pass --python, "
                + "or time PyTorch separately and pass --torch FILE";
        if (!script.toFile().isFile()) {
            throw new IOException(script + " is missing; --with-torch runs it from the project's tools/ folder");
        }
        Process p;
        try {
            p = new ProcessBuilder(python.toString(), "-c", "import torch").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(python + " cannot be run (" + e.getMessage() + "); " + fix, e);
        }
        String output = read(p.getInputStream());
        int code = waitFor(p, 120);
        if (code != 0) {
            String last = output.lines().reduce((a, b) -> b).orElse("no output");
            throw new IOException(python + " cannot import torch (" + last.strip() + "); " + fix);
        }
    }

    /** The script's arguments for this measurement. */
    public static List<String> arguments(List<BenchNetwork> networks, List<String> optimizers, String batch, int warmup,
                                  int rounds, Integer threads) {
        List<String> args = new ArrayList<>(List.of(
                "--networks", networks.stream().map(BenchNetwork::key).collect(Collectors.joining(",")),
                "--optimizers", String.join(",", optimizers), "--batch", batch,
                "--warmup", String.valueOf(warmup), "--rounds", String.valueOf(rounds)));
        if (threads != null) {
            args.addAll(List.of("--threads", String.valueOf(threads)));
        }
        return args;
    }

    /**
     * Runs the script to its end and parses its output.
     *
     * @throws IOException when it fails (its own message is on stderr above) or prints no valid timings
     */
    public List<IterationTiming> run(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(arguments);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout = read(p.getInputStream());
        int code = waitFor(p, Long.MAX_VALUE);
        if (code != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + code + " (its message is above)");
        }
        return IterationTiming.parsePyTorch(stdout.lines().toList(), "the output of " + script.getFileName());
    }

    /**
     * Each network as the script builds and trains it ({@code --describe}: no training), one JSON
     * object per network: experiment, input, classes, parameters, lr, sgd_momentum, experiment_batch.
     * For comparison with the suite's networks and configs.
     */
    public List<JsonNode> describe() throws IOException {
        Process p = new ProcessBuilder(python.toString(), script.toString(), "--describe")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout = read(p.getInputStream());
        if (waitFor(p, 300) != 0) {
            throw new IOException(script + " --describe failed (its message is above)");
        }
        List<JsonNode> networks = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            networks.add(JSON.readTree(line));
        }
        return networks;
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int waitFor(Process p, long seconds) throws IOException {
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the Python process did not finish within " + seconds + " s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the Python process", e);
        }
    }
}
