package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.config.TunedOverlay;
import dev.vsgdsuite.suite.config.TuningPlan;
import dev.vsgdsuite.suite.report.Charts;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.train.Json;
import dev.vsgdsuite.suite.train.Progress;
import dev.vsgdsuite.suite.tune.Tuner;
import dev.vsgdsuite.suite.tune.TuningResult;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Learning-rate search for every experiment × optimizer of a profile ({@code mvn verify -Ptune
 * -Dsuite.tune.profile=demo|full-paper}, through Failsafe), as {@code configs/tuning.yaml} plans it;
 * {@code -Dsuite.shard=i/n} runs one part. Each search writes {@code reports/tuning/E-O.json} and its
 * winner into {@code configs/tuned/E.yaml} (commit it; {@code -Dsuite.tune.overlays=DIR} writes elsewhere);
 * its Allure test shows every learning rate's validation curve. {@code -Dsuite.tune.overrides="…"}
 * changes the plan or the runs of every search ({@code tune.budget_iterations=50 dataset=…}), as the
 * {@code tune} command's arguments do.
 */
@Tag("tune")
@DisplayName("tune")
class TuneSuiteIT {

    static final Profile PROFILE = Profile.load(System.getProperty("suite.tune.profile", "demo"));
    /** {@code -Dsuite.tune.overrides="tune.KEY=VALUE … KEY=VALUE"}: a smaller plan, or other settings, for every search. */
    static final List<String> OVERRIDES = List.of(System.getProperty("suite.tune.overrides", "").trim().split("\\s+"))
            .stream().filter(a -> !a.isBlank()).toList();
    /** {@code -Dsuite.tune.overlays=DIR}: where the overlays go (default {@code configs/tuned/}, to commit). */
    static final java.nio.file.Path OVERLAYS = System.getProperty("suite.tune.overlays", "").isBlank()
            ? ProjectPaths.configs().resolve(TunedOverlay.FOLDER) : java.nio.file.Path.of(System.getProperty("suite.tune.overlays"));

    @BeforeAll
    static void prepare() throws Exception {
        Environment.writeAllureFiles();
    }

    /** One search per experiment × optimizer, with the group's overrides but not its length or learning rates. */
    static Stream<Invocation> searches() {
        List<Invocation> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Invocation inv : PROFILE.runs()) {
            if (seen.add(inv.experiment() + "/" + inv.optimizer())) {
                List<String> overrides = inv.overrides().stream().filter(o -> !o.startsWith("train.max_iter=")
                        && !o.startsWith(ConfigLoader.LR + "=")).toList();
                out.add(new Invocation("tune", inv.experiment(), inv.optimizer(), 0, overrides));
            }
        }
        return Shards.part(out, System.getProperty("suite.shard")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searches")
    void tune(Invocation search) throws Exception {
        Allure.parameter("experiment", search.experiment());
        Allure.parameter("optimizer", search.optimizer());
        List<String> tuneKeys = new ArrayList<>();
        List<String> overrides = new ArrayList<>(search.overrides());
        for (String kv : OVERRIDES) {
            if (kv.startsWith("tune.")) {
                tuneKeys.add(kv.substring("tune.".length()));
            } else {
                overrides.add(kv);
            }
        }
        TuningPlan plan = TuningPlan.load().with(tuneKeys, search.optimizer(), search.experiment());
        TuningResult r = Tuner.tune(new Tuner.Request(search.experiment(), search.optimizer(), overrides, plan,
                ProjectPaths.reports().resolve("tuning"), OVERLAYS.resolve(search.experiment() + ".yaml"),
                "mvn verify -Ptune -Dsuite.tune.profile=" + PROFILE.name()
                        + (OVERRIDES.isEmpty() ? "" : " -Dsuite.tune.overrides=\"" + String.join(" ", OVERRIDES) + "\"")),
                Progress.quiet());
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (TuningResult.Trial t : r.trials()) {
            TuningResult.SeedRun first = t.seeds().get(0);
            double[][] xy = new double[2][first.curve().size()];
            for (int i = 0; i < xy[0].length; i++) {
                xy[0][i] = first.curve().get(i)[0];
                xy[1][i] = first.curve().get(i)[1];
            }
            curves.put("lr " + t.lr() + (t.diverged() ? " (diverged)" : ""), xy);
        }
        Allure.addAttachment("validation accuracy per learning rate", "image/png", new ByteArrayInputStream(
                Charts.curves(search.experiment() + " · " + search.optimizer() + ": winner lr " + r.lr(),
                        "validation accuracy", curves)), "png");
        Allure.addAttachment("tuning result", "application/json", Json.PRETTY.writeValueAsString(r), "json");
        assertThat(r.trials()).extracting(TuningResult.Trial::lr).contains(r.lr());
    }
}
