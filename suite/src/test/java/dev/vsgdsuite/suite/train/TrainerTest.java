package dev.vsgdsuite.suite.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsgdsuite.suite.experiment.RunOptions;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs of every experiment config, a few iterations on the fixtures, through the command line. */
class TrainerTest {

    /** Each paper experiment at reduced width on its format fixture; the demo on the shipped subset. */
    static Stream<Arguments> experiments() {
        String small = "train.batch_size=16";
        return Stream.of(
                Arguments.of("cifar100_vgg", List.of("dataset=cifar100_fixture", "model.width_divisor=16", small)),
                Arguments.of("cifar100_convmixer", List.of("dataset=cifar100_fixture", "model.dim=16", "model.depth=1", small)),
                Arguments.of("cifar100_resnext", List.of("dataset=cifar100_fixture", "model.base_width=8", small)),
                Arguments.of("tiny_imagenet_vgg", List.of("dataset=tiny_imagenet_fixture", "model.width_divisor=16", small)),
                Arguments.of("tiny_imagenet_convmixer", List.of("dataset=tiny_imagenet_fixture", "model.dim=16", "model.depth=1", small)),
                Arguments.of("tiny_imagenet_resnext", List.of("dataset=tiny_imagenet_fixture", "model.base_width=8", small)),
                Arguments.of("fashion_convmixer_demo", List.of("dataset=fashion_mnist_subset")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("experiments")
    void everyExperimentRunsAFewIterationsFromTheCommandLine(String experiment, List<String> extra, @TempDir Path runs)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--runs", runs.toString(), "experiment=" + experiment,
                "optimizer=vsgd", "train.max_iter=4", "train.log_freq=1", "train.val_freq=2", "train.eval_test_freq=2",
                "train.save_freq=2", "train.optimizer_log_freq=2", "train.test_batch_size=64"));
        args.addAll(extra);
        CliRuns.Outcome out = CliRuns.run(args);
        assertThat(out.exitCode()).as(out.stdout()).isZero();
        JsonNode r = out.lastLine();
        assertThat(r).as("last stdout line is the result JSON: " + out.stdout()).isNotNull();
        assertThat(out.stdout()).as("the first line names the backend").startsWith("backend: nd4j ");
        for (String key : List.of("experiment", "dataset", "model", "optimizer", "seed", "iterations", "test_accuracy",
                "test_loss", "diverged", "ms_per_iter", "train_seconds", "time_to_target", "run_dir")) {
            assertThat(r.has(key)).as("result has " + key).isTrue();
        }
        // the sum of the 4 steps is at least their median
        assertThat(r.get("train_seconds").asDouble()).isPositive()
                .isGreaterThanOrEqualTo(r.get("ms_per_iter").asDouble() / 1000);
        assertThat(r.get("experiment").asText()).isEqualTo(experiment);
        assertThat(r.get("iterations").asInt()).isEqualTo(4);
        assertThat(r.get("diverged").asBoolean()).isFalse();
        assertThat(r.get("test_loss").asDouble()).isFinite();
        RunDirectory dir = new RunDirectory(Path.of(r.get("run_dir").asText()));
        assertThat(dir.file(RunDirectory.CONFIG)).exists();
        assertThat(dir.file(RunDirectory.RESULT)).exists();
        assertThat(dir.file(RunDirectory.CHECKPOINT)).exists();
        assertThat(dir.file(RunDirectory.CHECKPOINT + ".tmp")).doesNotExist();
        List<JsonNode> metrics = dir.readMetrics();
        assertThat(metrics).extracting(m -> m.get("iteration").asInt()).contains(1, 2, 3, 4);
        assertThat(metrics.stream().filter(m -> m.has("beta1_median")).count()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.stream().filter(m -> m.has("test_accuracy")).count()).isGreaterThanOrEqualTo(2);
        // the run can be repeated from its own folder
        RunConfig again = Experiment.resolve(List.of("config=" + dir.file(RunDirectory.CONFIG)));
        assertThat(again.train().maxIter()).isEqualTo(4);
    }

    @Test
    void sameSeedGivesIdenticalMetricsRunToRun(@TempDir Path runs) {
        RunConfig c = Experiment.resolve(List.of("experiment=fashion_convmixer_demo", "dataset=fashion_mnist_subset",
                "optimizer=vsgd", "train.max_iter=30", "train.log_freq=5", "train.eval_test_freq=15"));
        RunResult a = Experiment.run(c, runs, RunOptions.quiet());
        RunResult b = Experiment.run(c, runs, RunOptions.quiet());
        assertThat(withoutTimings(new RunDirectory(Path.of(b.runDir())).readMetrics()))
                .isEqualTo(withoutTimings(new RunDirectory(Path.of(a.runDir())).readMetrics()));
        assertThat(b.testAccuracy()).isEqualTo(a.testAccuracy());
        assertThat(b.testLoss()).isEqualTo(a.testLoss());
    }

    @Test
    void nonFiniteLossStopsTheRunAsDiverged(@TempDir Path runs) {
        RunConfig c = Experiment.resolve(List.of("experiment=fashion_convmixer_demo", "dataset=fashion_mnist_subset",
                "optimizer=sgd", "optimizer.momentum=0.0", "optimizer.lr=1e30", "train.max_iter=50", "train.log_freq=1"));
        RunResult r = Experiment.run(c, runs, RunOptions.quiet());
        assertThat(r.diverged()).isTrue();
        assertThat(r.divergence()).containsAnyOf("training loss", "non-finite gradient");
        assertThat(r.iterations()).isLessThan(50);
        assertThat(r.asMap().get("test_accuracy")).isNull();
    }

    /** The limit is checked in the training loop: one the process cannot meet fails the run, naming the switch. */
    @Test
    void aResidentLimitTheProcessCannotMeetFailsTheRunNamingTheSwitch(@TempDir Path runs) {
        String before = System.getProperty("suite.residentLimit");
        System.setProperty("suite.residentLimit", "1m");
        try {
            RunConfig c = Experiment.resolve(List.of("experiment=fashion_convmixer_demo", "dataset=fashion_mnist_subset",
                    "optimizer=vsgd", "train.max_iter=3"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Experiment.run(c, runs, RunOptions.quiet()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("over -Dsuite.residentLimit=1 MiB after 10 garbage collections");
        } finally {
            if (before == null) {
                System.clearProperty("suite.residentLimit");
            } else {
                System.setProperty("suite.residentLimit", before);
            }
        }
        try (Stream<Path> folders = java.nio.file.Files.list(runs)) {
            Path dir = folders.filter(java.nio.file.Files::isDirectory).findFirst().orElseThrow();
            JsonNode result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(RunDirectory.RESULT).toFile());
            assertThat(result.get("status").asText()).isEqualTo("failed");
            assertThat(result.get("message").asText()).contains("suite.residentLimit");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The same rule for every optimizer: the iteration that met the non-finite value is named and not counted. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sgd optimizer.momentum=0.0", "sgd optimizer.momentum=0.9",
            "adam", "adamw", "vsgd"})
    void aDivergenceRecordsTheFiniteIterationsOnlyWhateverTheOptimizer(String optimizer, @TempDir Path runs) {
        List<String> args = new java.util.ArrayList<>(List.of("experiment=fashion_convmixer_demo",
                "dataset=fashion_mnist_subset", "optimizer.lr=1e30", "train.max_iter=30", "train.log_freq=1"));
        String[] parts = optimizer.split(" ");
        args.add(1, "optimizer=" + parts[0]);
        args.addAll(List.of(parts).subList(1, parts.length));
        RunResult r = Experiment.run(Experiment.resolve(args), runs, RunOptions.quiet());
        assertThat(r.diverged()).as(optimizer).isTrue();
        assertThat(r.divergence()).as(optimizer).containsPattern("at iteration " + (r.iterations() + 1) + "(\\D|$)");
        List<JsonNode> metrics = new RunDirectory(Path.of(r.runDir())).readMetrics();
        assertThat(metrics).allSatisfy(m -> assertThat(m.get("iteration").asLong()).isLessThanOrEqualTo(r.iterations()));
    }

    @Test
    void timeToTargetIsTheFirstEvaluationAtTheTarget(@TempDir Path runs) {
        RunConfig c = Experiment.resolve(List.of("experiment=fashion_convmixer_demo", "dataset=fashion_mnist_subset",
                "optimizer=adam", "train.max_iter=40", "train.eval_test_freq=10", "train.target_accuracy=0.05"));
        RunResult r = Experiment.run(c, runs, RunOptions.quiet());
        List<JsonNode> metrics = new RunDirectory(Path.of(r.runDir())).readMetrics();
        JsonNode first = metrics.stream().filter(m -> m.has("test_accuracy") && m.get("test_accuracy").asDouble() >= 0.05)
                .findFirst().orElse(null);
        assertThat(first).as("an accuracy of 5% on 10 classes is reached at the first evaluation").isNotNull();
        assertThat(first.get("iteration").asLong()).isEqualTo(10);
        assertThat(r.timeToTarget()).isNotNull();
        assertThat(r.timeToTarget().iteration()).isEqualTo(10);
        assertThat(r.timeToTarget().seconds()).isPositive();
        RunConfig unreachable = Experiment.resolve(List.of("experiment=fashion_convmixer_demo", "dataset=fashion_mnist_subset",
                "optimizer=adam", "train.max_iter=10", "train.eval_test_freq=5", "train.target_accuracy=1.0"));
        assertThat(Experiment.run(unreachable, runs, RunOptions.quiet()).asMap().get("time_to_target")).isNull();
    }

    /** Metrics without wall-clock fields, which differ between any two runs. */
    static List<JsonNode> withoutTimings(List<JsonNode> metrics) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : metrics) {
            ObjectNode copy = ((ObjectNode) m).deepCopy();
            copy.remove("step_ms");
            out.add(copy);
        }
        return out;
    }
}
