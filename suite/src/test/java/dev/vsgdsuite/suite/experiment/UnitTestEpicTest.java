package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import org.junit.jupiter.api.Test;

/** The report's Behaviors tab: experiments keep their epic; every other test goes under one epic by package. */
class UnitTestEpicTest {

    @Test
    void aTestWithoutAnEpicIsFiledUnderTheUnitTestsByItsPackage() {
        TestResult unit = result("dev.vsgdsuite.suite.optim.TorchAdamTest",
                ResultsUtils.createFeatureLabel("stray"), ResultsUtils.createStoryLabel("stray"));
        UnitTestEpic.file(unit);
        assertThat(values(unit, ResultsUtils.EPIC_LABEL_NAME)).containsExactly(UnitTestEpic.EPIC);
        assertThat(values(unit, ResultsUtils.FEATURE_LABEL_NAME)).containsExactly("optim");
        assertThat(values(unit, ResultsUtils.STORY_LABEL_NAME)).isEmpty();
    }

    @Test
    void anExperimentsEpicDatasetAndExperimentAreLeftAsTheyAre() {
        TestResult run = result("dev.vsgdsuite.suite.experiment.DemoSuiteIT",
                ResultsUtils.createEpicLabel(AllureRuns.PAPER), ResultsUtils.createFeatureLabel("fashion_mnist"),
                ResultsUtils.createStoryLabel("fashion_convmixer_demo"));
        UnitTestEpic.file(run);
        assertThat(values(run, ResultsUtils.EPIC_LABEL_NAME)).containsExactly(AllureRuns.PAPER);
        assertThat(values(run, ResultsUtils.FEATURE_LABEL_NAME)).containsExactly("fashion_mnist");
        assertThat(values(run, ResultsUtils.STORY_LABEL_NAME)).containsExactly("fashion_convmixer_demo");
    }

    @Test
    void allureFindsTheListener() {
        assertThat(ServiceLoader.load(TestLifecycleListener.class).stream().<Class<?>>map(p -> p.type()))
                .contains(UnitTestEpic.class);
    }

    private static TestResult result(String testClass, Label... labels) {
        List<Label> all = new ArrayList<>(List.of(labels));
        all.add(ResultsUtils.createTestClassLabel(testClass));
        return new TestResult().setFullName(testClass + ".method").setLabels(all);
    }

    private static List<String> values(TestResult r, String name) {
        return r.getLabels().stream().filter(l -> name.equals(l.getName())).map(Label::getValue).toList();
    }
}
