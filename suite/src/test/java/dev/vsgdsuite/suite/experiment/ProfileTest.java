package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vsgdsuite.suite.bench.TrainingIteration;
import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.schema.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Param;

/**
 * configs/profiles.yaml: it parses, rejects unknown keys by name, and gives exactly the runs the
 * profiles were defined to have (the expected lists are built here from the protocol's rules).
 */
class ProfileTest {

    static final ConfigLoader LOADER = new ConfigLoader(ProjectPaths.configs());
    static final List<String> PAPER = List.of("cifar100_vgg", "cifar100_convmixer", "cifar100_resnext",
            "tiny_imagenet_vgg", "tiny_imagenet_convmixer", "tiny_imagenet_resnext");
    static final String DEMO = "fashion_convmixer_demo";

    @Test
    void theProjectFileHasTheThreeProfilesAndTheirCommands() {
        List<Profile> all = Profile.all();
        assertThat(all).extracting(Profile::name).containsExactly("smoke", "demo", "full-paper");
        assertThat(all).extracting(Profile::command)
                .containsExactly("mvn test -Psmoke", "mvn verify -Pdemo", "mvn verify -Pfull-paper");
        assertThat(Profile.load("full-paper").experiments()).containsExactlyElementsOf(PAPER);
        assertThatThrownBy(() -> Profile.load("quick")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("quick").hasMessageContaining("full-paper");
    }

    @Test
    void smokeIsTheDemoOnTheSubsetThenEveryPaperPipelineOnItsFixture() {
        List<Invocation> expected = new ArrayList<>();
        for (String o : List.of("vsgd", "adam", "sgd")) {
            expected.add(new Invocation("smoke", DEMO, o, 0, List.of("dataset=fashion_mnist_subset",
                    "train.max_iter=" + 3 * (3000 / 32), "train.eval_test_freq=93", "train.save_freq=0")));
        }
        for (String e : PAPER) {
            List<String> o = new ArrayList<>(List.of(
                    "dataset=" + (e.startsWith("cifar100") ? "cifar100_fixture" : "tiny_imagenet_fixture"),
                    "train.batch_size=16", "train.test_batch_size=64", "train.max_iter=24", "train.log_freq=1",
                    "train.val_freq=4", "train.eval_test_freq=12", "train.save_freq=0", "train.optimizer_log_freq=12",
                    "optimizer.lr=0.01"));
            if (e.endsWith("vgg")) {
                o.add("model.width_divisor=16");
            } else if (e.endsWith("convmixer")) {
                o.addAll(List.of("model.dim=16", "model.depth=2"));
            } else {
                o.addAll(List.of("model.base_width=8", "model.cardinality=2"));
            }
            for (String opt : List.of("vsgd", "sgd")) {
                expected.add(new Invocation("smoke", e, opt, 0, o));
            }
        }
        assertSameRuns(Profile.load("smoke").runs(), expected);
    }

    @Test
    void demoIsTheDemoProtocolOnFullFashionMnistWithFiveSeeds() {
        List<Invocation> expected = new ArrayList<>();
        for (String o : List.of("vsgd", "adam", "sgd")) {
            for (long seed : List.of(0L, 1L, 2L, 3L, 4L)) {
                expected.add(new Invocation("demo", DEMO, o, seed, List.of("lr=tuned", "dataset=fashion_mnist")));
            }
        }
        assertSameRuns(Profile.load("demo").runs(), expected);
    }

    @Test
    void fullPaperIsSixExperimentsTimesFourOptimizersTimesThreeSeeds() {
        List<Invocation> expected = new ArrayList<>();
        for (String e : PAPER) {
            for (String o : List.of("vsgd", "adam", "adamw", "sgd")) {
                for (long seed : List.of(124L, 125L, 126L)) {
                    expected.add(new Invocation("full-paper", e, o, seed, List.of("lr=tuned")));
                }
            }
        }
        assertThat(Profile.load("full-paper").runs()).containsExactlyElementsOf(expected);
    }

    @Test
    void theFullPaperRefusesExperimentsWithoutTunedLearningRatesUnlessToldToUseTheConfigs() {
        Profile paper = Profile.load("full-paper");
        List<String> untuned = paper.untuned();
        for (String e : PAPER) {
            if (!java.nio.file.Files.exists(dev.vsgdsuite.suite.config.TunedOverlay.file(
                    dev.vsgdsuite.suite.runtime.ProjectPaths.configs(), e))) {
                assertThat(untuned).anyMatch(u -> u.startsWith(e + " "));
            }
        }
        if (!untuned.isEmpty()) {
            assertThatThrownBy(paper::requireTuned).hasMessageContaining("-Dsuite.lr=config")
                    .hasMessageContaining("mvn verify -Ptune -Dsuite.tune.profile=full-paper");
        }
        Profile config = paper.withLr("config");
        assertThat(config.untuned()).isEmpty();
        config.requireTuned();
        assertThat(config.runs()).allMatch(r -> r.overrides().contains("lr=config"));
        assertThatThrownBy(() -> paper.withLr("best")).hasMessageContaining("-Dsuite.lr: lr = best must be tuned or config");
        assertThat(Profile.load("smoke").lr()).isEqualTo(dev.vsgdsuite.suite.config.LrSource.CONFIG);
    }

    @Test
    void theDemoLengthInEpochsGivesTodaysIterationCounts() {
        assertThat(maxIter(Profile.load("smoke").group("demo").runs("smoke").get(0))).isEqualTo(279);
        assertThat(maxIter(Profile.load("demo").runs().get(0))).isEqualTo(5_625);
        assertThat(maxIter(Profile.load("smoke").group("demo").withEpochs(1).runs("smoke").get(0))).isEqualTo(93);
    }

    @Test
    void seedsCanBeReplaced() {
        List<Invocation> runs = Profile.load("full-paper").withSeeds(List.of(7L)).runs();
        assertThat(runs).hasSize(6 * 4).allMatch(r -> r.seed() == 7L);
    }

    @Test
    void suiteSeedsIsACountFromTheFirstSeedOrAList() {
        assertThat(Profile.load("demo").withSeeds("3").runs()).extracting(Invocation::seed).containsOnly(0L, 1L, 2L)
                .hasSize(3 * 3);
        assertThat(Profile.load("full-paper").withSeeds("5").runs()).extracting(Invocation::seed)
                .containsOnly(124L, 125L, 126L, 127L, 128L).hasSize(6 * 4 * 5);
        assertThat(Profile.load("demo").withSeeds("0, 1,7").runs()).extracting(Invocation::seed).containsOnly(0L, 1L, 7L);
        assertThat(Profile.load("demo").withSeeds((String) null)).isEqualTo(Profile.load("demo"));
        assertThatThrownBy(() -> Profile.load("demo").withSeeds("five")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("-Dsuite.seeds=five");
        assertThatThrownBy(() -> Profile.load("demo").withSeeds("1,1")).hasMessageContaining("each once");
        assertThatThrownBy(() -> Profile.load("demo").withSeeds("0")).hasMessageContaining("at least one seed");
    }

    @Test
    void everyShardTogetherCoverEveryRunExactlyOnce() {
        List<Invocation> grid = Profile.load("full-paper").runs();
        for (int n = 1; n <= 13; n++) {
            Map<Invocation, Integer> seen = new HashMap<>();
            for (int i = 1; i <= n; i++) {
                List<Invocation> part = Shards.part(grid, i + "/" + n);
                assertThat(part.size()).as("shard %d/%d", i, n).isBetween(grid.size() / n, grid.size() / n + 1);
                part.forEach(r -> seen.merge(r, 1, Integer::sum));
            }
            assertThat(seen.keySet()).as("n = %d", n).containsExactlyInAnyOrderElementsOf(grid);
            assertThat(seen.values()).as("n = %d", n).allMatch(c -> c == 1);
        }
        assertThat(Shards.part(grid, null)).isEqualTo(grid);
        assertThatThrownBy(() -> Shards.part(grid, "0/4")).hasMessageContaining("1 <= i <= n");
    }

    @Test
    void aLearningRateSourceThatIsNeitherTunedNorConfigIsRefusedNamingTheFileAndPlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, String.join("\n", "profiles:", "  - name: quick", "    lr: best", "    groups:",
                "      - name: one", "        experiments: [" + DEMO + "]", "        optimizers: [vsgd]",
                "        seeds: [1]", ""));
        assertThatThrownBy(() -> Profile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": profiles[0].lr = best is not one of [config, tuned]");
        Files.writeString(file, Files.readString(file).replace("lr: best", "lr: tuned"));
        assertThat(Profile.read(file).get(0).lr()).isEqualTo(dev.vsgdsuite.suite.config.LrSource.TUNED);
    }

    @Test
    void sequentialSeedsComeFromAutoUpToTheDesignsMaxOrTheOneGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("profiles.yaml");
        Files.copy(dev.vsgdsuite.suite.runtime.ProjectPaths.configs().resolve("claims.yaml"), dir.resolve("claims.yaml"));
        String yaml = String.join("\n", "profiles:", "  - name: quick", "    groups:",
                "      - name: one", "        experiments: [" + DEMO + "]", "        optimizers: [vsgd, adam]",
                "        seeds: SEEDS", "");
        Files.writeString(file, yaml.replace("SEEDS", "auto"));
        Profile auto = Profile.read(file).get(0);
        assertThat(auto.sequential()).isTrue();
        assertThat(auto.groups().get(0).seeds().list()).hasSize(20).startsWith(0L, 1L).endsWith(19L);
        Files.writeString(file, yaml.replace("SEEDS", "auto:8"));
        assertThat(Profile.read(file).get(0).runs()).hasSize(2 * 8);
        Files.writeString(file, yaml.replace("SEEDS", "[0, 1]"));
        assertThat(Profile.read(file).get(0).sequential()).isFalse();
        Files.writeString(file, yaml.replace("SEEDS", "auto:1"));
        assertThatThrownBy(() -> Profile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("auto:1 is not a list of seeds, auto or auto:MAX");
        Files.writeString(file, yaml.replace("SEEDS", "[0, 1.5]"));
        assertThatThrownBy(() -> Profile.read(file)).hasMessageContaining("1.5 is not a whole number");
        Profile demo = Profile.load("demo").withSeeds("auto:12");
        assertThat(demo.sequential()).isTrue();
        assertThat(demo.groups().get(0).seeds().list()).hasSize(12);
        assertThat(Profile.load("demo").withSeeds("auto").groups().get(0).seeds().autoMax()).isEqualTo(20);
        assertThatThrownBy(() -> Profile.load("demo").withSeeds("automatic"))
                .hasMessageContaining("-Dsuite.seeds = automatic is not a list of seeds");
    }

    @Test
    void anUnknownKeyIsRejectedNamingTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, String.join("\n", "profiles:", "  - name: quick", "    groups:",
                "      - name: one", "        experiments: [" + DEMO + "]", "        optimizers: [vsgd]",
                "        seed: [1]", ""));
        assertThatThrownBy(() -> Profile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'seed'").hasMessageContaining("seeds");
        Files.writeString(file, "profile:\n  - name: quick\n");
        assertThatThrownBy(() -> Profile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'profile'");
        Files.writeString(file, "profiles:\n  - name: quick\n    groups:\n      - name: one\n        optimizers: [vsgd]\n"
                + "        seeds: [1]\n");
        assertThatThrownBy(() -> Profile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("experiments");
    }

    @Test
    void epochsNeedADatasetOfKnownSize() {
        Profile.RunGroup onFixture = new Profile.RunGroup("g", List.of("cifar100_vgg"), List.of("vsgd"), Seeds.of(List.of(0L)), 1,
                List.of("dataset=cifar100_fixture"), null);
        assertThatThrownBy(() -> onFixture.runs("p")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("fixtures/cifar100-tiny");
    }

    @Test
    void theTrainingBenchmarkTimesTheDemosOptimizers() throws Exception {
        Param param = TrainingIteration.class.getField("optimizer").getAnnotation(Param.class);
        assertThat(param.value()).containsExactlyElementsOf(Profile.load("demo").group("demo").optimizers());
    }

    /** The same runs: same identity, in the same order, and the same resolved configuration. */
    private static void assertSameRuns(List<Invocation> actual, List<Invocation> expected) {
        assertThat(actual).extracting(Invocation::toString)
                .containsExactlyElementsOf(expected.stream().map(Invocation::toString).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).profile()).isEqualTo(expected.get(i).profile());
            assertThat(LOADER.resolve(actual.get(i).arguments()).tree()).as(actual.get(i).toString())
                    .isEqualTo(LOADER.resolve(expected.get(i).arguments()).tree());
        }
    }

    private static int maxIter(Invocation inv) {
        return LOADER.resolve(inv.arguments()).train().maxIter();
    }
}
