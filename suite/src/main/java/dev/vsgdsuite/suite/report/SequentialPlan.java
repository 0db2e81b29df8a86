package dev.vsgdsuite.suite.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vsgdsuite.suite.experiment.Invocation;
import dev.vsgdsuite.suite.runtime.AtomicFiles;
import dev.vsgdsuite.suite.train.Json;
import dev.vsgdsuite.suite.verdict.SequentialDesign;

/**
 * The record, in a folder of run folders, that its runs came as sequential seeds, and by which
 * design ({@value #FILE}): the report judges them by it, look by look.
 *
 * @param looks  the design's looks, the last being MAX
 * @param alpha  its error rate
 * @param margin its equivalence margin
 */
public record SequentialPlan(List<Integer> looks, double alpha, double margin) {

    public static final String FILE = "sequential.json";

    public SequentialPlan {
        looks = List.copyOf(looks);
    }

    static SequentialPlan of(SequentialDesign design) {
        return new SequentialPlan(design.looks(), design.alpha(), design.margin());
    }

    public SequentialDesign design() {
        return new SequentialDesign(looks, alpha, margin);
    }

    /** Records {@code design} in {@code runs} (created if absent). */
    static void write(Path runs, SequentialDesign design) {
        try {
            Files.createDirectories(runs);
            AtomicFiles.write(runs.resolve(FILE), Json.PRETTY.writeValueAsString(of(design)) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + runs, e);
        }
    }

    /** The plan recorded in {@code runs}, or null when its runs are not sequential. */
    public static SequentialPlan readIfPresent(Path runs) {
        Path file = runs.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.LINE.readValue(file.toFile(), SequentialPlan.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a sequential plan (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); delete it if the runs there are not sequential", e);
        }
    }

    /** What {@code experiment}'s runs decide: every optimizer that ran it, seeds 0 … MAX−1. */
    public SequentialRounds.State state(String experiment, List<RunRecord> runs, List<String> baselines) {
        List<String> optimizers = runs.stream().filter(r -> r.experiment().equals(experiment)).map(RunRecord::optimizer)
                .distinct().toList();
        List<Invocation> planned = new ArrayList<>();
        for (String o : optimizers) {
            LongStream.range(0, looks.get(looks.size() - 1))
                    .forEach(s -> planned.add(new Invocation("", experiment, o, s, List.of())));
        }
        return SequentialRounds.state(experiment, planned, SequentialRounds.finished(runs), design(), baselines);
    }
}
