package dev.vsgdsuite.suite.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a run on stderr: a progress bar with iteration, loss, learning rate and ETA when stderr
 * is a terminal; nothing otherwise (logs and CI output stay clean).
 */
public final class Progress implements AutoCloseable {

    private final boolean enabled;
    private ProgressBar bar;

    private Progress(boolean enabled) {
        this.enabled = enabled;
    }

    /** A bar when the process has a terminal, else silent. */
    public static Progress forTerminal() {
        return new Progress(System.console() != null);
    }

    public static Progress quiet() {
        return new Progress(false);
    }

    void start(String task, long total, long done) {
        if (enabled) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(500).build();
            bar.stepTo(done);
        }
    }

    void step(long iteration, double loss, double lr) {
        if (bar != null) {
            bar.stepTo(iteration);
            bar.setExtraMessage(String.format(" loss %.4f lr %.3g", loss, lr));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
