package dev.vsgdsuite.suite.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Splits a profile's runs into disjoint parts, so a long grid can run on several machines. */
public final class Shards {

    private Shards() {}

    /**
     * Part {@code i} of {@code n} ("i/n", 1-based) of a grid: every n-th run starting at i, so the
     * parts are disjoint, cover the grid, and each mixes experiments. Null or blank: the whole grid.
     */
    public static List<Invocation> part(List<Invocation> grid, String spec) {
        if (spec == null || spec.isBlank()) {
            return grid;
        }
        String[] parts = spec.trim().split("/");
        int i;
        int n;
        try {
            i = Integer.parseInt(parts[0]);
            n = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("-Dsuite.shard=" + spec + " is not i/n (e.g. 2/4)");
        }
        if (parts.length != 2 || n < 1 || i < 1 || i > n) {
            throw new IllegalArgumentException("-Dsuite.shard=" + spec + ": need 1 <= i <= n, e.g. 2/4");
        }
        List<Invocation> out = new ArrayList<>();
        for (int k = i - 1; k < grid.size(); k += n) {
            out.add(grid.get(k));
        }
        return out;
    }

    /**
     * The parts {@code "1/n" … "n/n"} that split a grid of {@code gridSize} runs, as a CI matrix lists
     * them for {@link #part}. More parts than runs would leave some empty (a GPU runner started for
     * nothing), so that is refused.
     */
    public static List<String> specs(int gridSize, int n) {
        if (n < 1 || n > gridSize) {
            throw new IllegalArgumentException("cannot split a grid of " + gridSize + " runs into " + n
                    + " shards: choose 1 to " + gridSize);
        }
        return IntStream.rangeClosed(1, n).mapToObj(i -> i + "/" + n).toList();
    }
}
