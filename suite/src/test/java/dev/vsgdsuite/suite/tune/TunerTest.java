package dev.vsgdsuite.suite.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.config.ProjectConfigsCopy;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.config.TunedOverlay;
import dev.vsgdsuite.suite.config.TuningPlan;
import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.data.Datasets;
import dev.vsgdsuite.suite.data.IdxReader;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.train.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real learning-rate search on the shipped Fashion-MNIST subset, with a tiny grid and budget. */
class TunerTest {

    private static final String EXPERIMENT = "fashion_convmixer_demo";

    @TempDir
    Path tmp;

    /** The shipped subset with its test files replaced by bytes no reader accepts. */
    private Path subsetWithUnreadableTestFiles() throws IOException {
        Path source = ProjectPaths.fixtures().resolve("fashion-mnist-subset");
        Path copy = tmp.resolve("subset");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(IdxReader.TEST_IMAGES) || name.startsWith(IdxReader.TEST_LABELS)) {
                    Files.writeString(copy.resolve(name), "not an IDX file: the test set must not be read");
                } else {
                    Files.copy(f, copy.resolve(name));
                }
            }
        }
        return copy;
    }

    @Test
    void theTuningSplitComesFromTheTrainingImagesAndTheTestFilesAreNeverOpened() throws Exception {
        Path data = subsetWithUnreadableTestFiles();
        RunConfig run = Experiment.resolve(List.of("experiment=" + EXPERIMENT, "dataset=fashion_mnist_subset",
                "dataset.path=" + data));
        // The control: anything that reads the test files fails on them.
        assertThatThrownBy(() -> Experiment.load(run)).hasMessageContaining(IdxReader.TEST_IMAGES);

        DataModule tuning = Datasets.forTuning("fashion_mnist_subset", data, 500);
        assertThat(tuning.train().size()).isEqualTo(2500);
        assertThat(tuning.test().size()).isEqualTo(500);
        assertThat(tuning.test().name()).endsWith("tuning-validation");
        assertThat(tuning.validation()).isNull();
        // The split is the same draw every time, and disjoint from what the trials train on.
        DataModule again = Datasets.forTuning("fashion_mnist_subset", data, 500);
        for (int i = 0; i < 500; i++) {
            assertThat(again.test().image(i)).isSameAs(again.test().image(i)).isEqualTo(tuning.test().image(i));
        }
        java.util.Set<String> held = new java.util.HashSet<>();
        for (int i = 0; i < tuning.test().size(); i++) {
            held.add(java.util.Arrays.toString(tuning.test().image(i)) + tuning.test().label(i));
        }
        int overlap = 0;
        for (int i = 0; i < tuning.train().size(); i++) {
            overlap += held.contains(java.util.Arrays.toString(tuning.train().image(i)) + tuning.train().label(i)) ? 1 : 0;
        }
        assertThat(overlap).as("images in both the tuning split and the trials' training set").isZero();
        assertThatThrownBy(() -> Datasets.forTuning("fashion_mnist_subset", data, 2000))
                .hasMessageContaining("does not fit the 3000 training images");
    }

    @Test
    void aSearchRanksEveryLearningRateOnTheSplitGrowsTheGridAtAnEndAndWritesResultAndOverlay() throws Exception {
        Path data = subsetWithUnreadableTestFiles();
        TuningPlan plan = TuningPlan.load().with(List.of("grid=1e-3:1e-1", "per_decade=1", "budget_iterations=30",
                "split=300", "eval_every=10", "extend_max=1", "seeds=0"), "sgd", EXPERIMENT);
        Path reports = tmp.resolve("tuning");
        Path overlay = tmp.resolve("tuned").resolve(EXPERIMENT + ".yaml");
        TuningResult result = Tuner.tune(new Tuner.Request(EXPERIMENT, "sgd", List.of("dataset=fashion_mnist_subset",
                "dataset.path=" + data, "train.test_batch_size=100"), plan, reports, overlay, "test"), Progress.quiet());

        assertThat(result.trainImages()).isEqualTo(2700);
        List<Double> grid = result.trials().stream().map(TuningResult.Trial::lr).toList();
        assertThat(grid).containsSubsequence(1e-3, 1e-2, 0.1).isSorted();
        for (TuningResult.Trial t : result.trials()) {
            TuningResult.SeedRun run = t.seeds().get(0);
            assertThat(run.curve()).as("validation curve of lr %s", t.lr()).hasSize(3);
            assertThat(run.curve().get(2)[0]).isEqualTo(30.0);
            assertThat(t.validationAccuracy()).isEqualTo(run.diverged() ? 0 : run.curve().get(2)[1]);
        }
        TreeMap<Double, TuningResult.Trial> byLr = new TreeMap<>();
        result.trials().forEach(t -> byLr.put(t.lr(), t));
        assertThat(result.lr()).isEqualTo(Tuner.winner(byLr));
        double best = result.trials().stream().mapToDouble(TuningResult.Trial::validationAccuracy).max().orElseThrow();
        assertThat(byLr.get(result.lr()).validationAccuracy()).isEqualTo(best);
        if (grid.size() > 3) {
            assertThat(result.how().extended()).isEqualTo(1);
            assertThat(result.note()).contains("grew");
        } else {
            assertThat(result.lr()).isEqualTo(1e-2);   // only an inner winner stops the grid from growing
        }

        TuningResult reread = TuningResult.read(TuningResult.file(reports, EXPERIMENT, "sgd"));
        assertThat(reread.lr()).isEqualTo(result.lr());
        assertThat(reread.how()).isEqualTo(result.how());
        assertThat(reread.trials().stream().map(TuningResult.Trial::validationAccuracy).toList())
                .isEqualTo(result.trials().stream().map(TuningResult.Trial::validationAccuracy).toList());
        TunedOverlay written = TunedOverlay.readIfPresent(overlay);
        assertThat(written.optimizers().get("sgd").lr()).isEqualTo(result.lr());
        TunedOverlay.Provenance how = written.provenance().get("sgd");
        assertThat(how.dataset()).isEqualTo("fashion_mnist_subset");
        assertThat(how.budgetIterations()).isEqualTo(30);
        assertThat(how.split()).isEqualTo(300);
        assertThat(how.grid()).isEqualTo(grid);
        assertThat(how.commit()).isNotBlank();

        // A search run again (an interrupted one continued) reruns no finished trial and decides the same.
        long folders = runFolders(reports);
        Path oneTrial = Path.of(result.trials().get(0).seeds().get(0).runDir());
        deleteTree(oneTrial);   // as if the search had stopped before this trial
        TuningResult again = Tuner.tune(new Tuner.Request(EXPERIMENT, "sgd", List.of("dataset=fashion_mnist_subset",
                "dataset.path=" + data, "train.test_batch_size=100"), plan, reports, null, "test"), Progress.quiet());
        assertThat(runFolders(reports)).as("only the missing trial ran").isEqualTo(folders);
        assertThat(again.lr()).isEqualTo(result.lr());
        assertThat(again.trials().stream().map(TuningResult.Trial::validationAccuracy).toList())
                .isEqualTo(result.trials().stream().map(TuningResult.Trial::validationAccuracy).toList());

        // lr=tuned runs take it from the overlay, and say so.
        Path configs = ProjectConfigsCopy.into(tmp.resolve("project"));
        Files.createDirectories(configs.resolve("tuned"));
        Files.copy(overlay, TunedOverlay.file(configs, EXPERIMENT), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        RunConfig tuned = new ConfigLoader(configs).resolve(List.of("experiment=" + EXPERIMENT, "optimizer=sgd", "lr=tuned"));
        assertThat(tuned.optimizer().lr()).isEqualTo(result.lr());
        assertThat(tuned.lrSource()).isEqualTo("tuned (tuned/" + EXPERIMENT + ".yaml)");
    }

    @Test
    void tuneRefusesArgumentsThatWouldOverrideWhatItChooses() {
        for (String bad : List.of("optimizer.lr=0.1", "lr=tuned", "train.seed=3", "train.max_iter=10")) {
            assertThatThrownBy(() -> Tuner.tune(new Tuner.Request(EXPERIMENT, "sgd", List.of(bad), TuningPlan.load(),
                    tmp, null, "test"), Progress.quiet())).isInstanceOf(ConfigException.class).hasMessageContaining(bad);
        }
    }

    private static long runFolders(Path reports) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(reports.resolve("runs"), 2)) {
            return s.filter(d -> Files.exists(d.resolve("result.json"))).count();
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
