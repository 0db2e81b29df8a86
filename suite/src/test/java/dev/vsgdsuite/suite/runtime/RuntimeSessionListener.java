package dev.vsgdsuite.suite.runtime;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Every test JVM of the suite runs with the runtime of a real run (oneDNN helpers on, logged once). */
public class RuntimeSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Dl4jRuntime.init();
    }
}
