package dev.vsgdsuite.suite.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of the grid: an experiment, an optimizer, a seed, and extra overrides (smaller data or
 * networks for the quick profiles). Its display name tells a reader which run it is.
 */
public record Invocation(String profile, String experiment, String optimizer, long seed, List<String> overrides) {

    /** The {@code key=value} arguments of this run. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("experiment=" + experiment, "optimizer=" + optimizer,
                "train.seed=" + seed));
        args.addAll(overrides);
        return args;
    }

    @Override
    public String toString() {
        return experiment + " · " + optimizer + " · seed " + seed;
    }
}
