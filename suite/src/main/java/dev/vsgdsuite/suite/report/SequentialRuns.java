package dev.vsgdsuite.suite.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.experiment.Invocation;
import dev.vsgdsuite.suite.experiment.Profile;
import dev.vsgdsuite.suite.train.RunDirectory;
import dev.vsgdsuite.suite.verdict.SequentialDesign;

/**
 * A sequential profile run from its run folders: the rounds to run, lazily (each computed when the
 * previous one has run), and the unfinished folder a killed attempt left for a run. Used by the demo
 * command and the profile suites alike.
 */
public final class SequentialRuns {

    private SequentialRuns() {}

    /**
     * The runs still to make, round after round, until every experiment of {@code profile} is decided
     * or at MAX; each round is computed from the run folders under {@code runs} when the stream reaches it.
     */
    public static Stream<Invocation> rounds(Profile profile, Path runs, SequentialDesign design, List<String> baselines) {
        int max = profile.runs().stream().mapToLong(Invocation::seed).mapToInt(s -> (int) s + 1).max().orElse(design.max());
        SequentialPlan.write(runs, design.upTo(max));
        Iterator<Invocation> it = new Iterator<>() {
            private final ArrayDeque<Invocation> round = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (round.isEmpty()) {
                    round.addAll(SequentialRounds.next(profile.runs(), SequentialRounds.finished(RunRecord.scan(runs).runs()),
                            design, baselines));
                }
                return !round.isEmpty();
            }

            @Override
            public Invocation next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return round.poll();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }

    /**
     * The folder under {@code runs} that an earlier, killed attempt at {@code inv} left without a
     * result (same experiment, optimizer and seed), to resume from its checkpoint; null when none.
     */
    public static Path unfinished(Invocation inv, Path runs) {
        if (!Files.isDirectory(runs)) {
            return null;
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(runs)) {
            folders = s.filter(d -> Files.exists(d.resolve(RunDirectory.CONFIG)) && Files.exists(d.resolve(RunDirectory.CHECKPOINT))
                    && !Files.exists(d.resolve(RunDirectory.RESULT))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the run folders under " + runs + ": " + e.getMessage(), e);
        }
        for (Path d : folders) {
            RunConfig c = RunConfig.read(d.resolve(RunDirectory.CONFIG));
            if (c.experiment().equals(inv.experiment()) && c.optimizer().name().equals(inv.optimizer())
                    && c.train().seed() == inv.seed()) {
                return d;
            }
        }
        return null;
    }

    /** What the run folders under {@code runs} decide for {@code experiment} of {@code profile}. */
    public static SequentialRounds.State state(Profile profile, String experiment, Path runs, SequentialDesign design,
                                               List<String> baselines) {
        return SequentialRounds.state(experiment, profile.runs(), SequentialRounds.finished(RunRecord.scan(runs).runs()),
                design, baselines);
    }
}
