package dev.vsgdsuite.suite.experiment;

import java.util.List;

import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;

/**
 * Files every test that names no epic of its own under the epic {@value #EPIC}, one feature per
 * package, so that the report's Behaviors tab opens on the paper's experiments and verdicts
 * ({@link AllureRuns#PAPER}: paper → dataset → experiment) with the unit tests gathered below them.
 * Allure calls it for every test (META-INF/services), after the test body has set its own labels.
 */
public final class UnitTestEpic implements TestLifecycleListener {

    static final String EPIC = "Unit tests, by package";
    private static final String SUITE_PACKAGE = "dev.vsgdsuite.suite.";

    @Override
    public void beforeTestStop(TestResult result) {
        file(result);
    }

    /** Adds the epic and the package's feature to {@code result} unless it has an epic. */
    static void file(TestResult result) {
        List<Label> labels = result.getLabels();
        if (labels.stream().anyMatch(l -> ResultsUtils.EPIC_LABEL_NAME.equals(l.getName()))) {
            return;
        }
        labels.removeIf(l -> ResultsUtils.FEATURE_LABEL_NAME.equals(l.getName())
                || ResultsUtils.STORY_LABEL_NAME.equals(l.getName()));
        labels.add(ResultsUtils.createEpicLabel(EPIC));
        labels.add(ResultsUtils.createFeatureLabel(feature(result)));
    }

    /** The test's package within the suite ({@code optim}, {@code data}, …), from its class name. */
    static String feature(TestResult result) {
        String className = labels(result, ResultsUtils.TEST_CLASS_LABEL_NAME);
        if (className == null) {
            String full = result.getFullName() == null ? "" : result.getFullName();
            className = full.contains(".") ? full.substring(0, full.lastIndexOf('.')) : full;
        }
        String pkg = className.contains(".") ? className.substring(0, className.lastIndexOf('.')) : "";
        return pkg.startsWith(SUITE_PACKAGE) ? pkg.substring(SUITE_PACKAGE.length()) : pkg.isEmpty() ? "(default)" : pkg;
    }

    private static String labels(TestResult result, String name) {
        return result.getLabels().stream().filter(l -> name.equals(l.getName())).map(Label::getValue)
                .findFirst().orElse(null);
    }
}
