package dev.vsgdsuite.suite.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vsgdsuite.suite.experiment.Invocation;
import dev.vsgdsuite.suite.verdict.Look;
import dev.vsgdsuite.suite.verdict.Outcome;
import dev.vsgdsuite.suite.verdict.SequentialDesign;

/**
 * Sequential seeds over run folders: which runs come next, and what the runs so far decide. Nothing
 * is kept but the run folders themselves: the rule is deterministic, so an interrupted sequence
 * (a killed JVM, a session's end) continues from the runs it has and repeats none
 * (docs/PROTOCOL.md §4.4).
 *
 * <p>Per experiment, look k needs every planned optimizer's first n_k seeds; when they are all there
 * the baselines are judged on the paired differences VSGD − baseline in seed order, and the
 * experiment ends when every baseline is decided, or at MAX.
 */
public final class SequentialRounds {

    private SequentialRounds() {}

    /** One baseline's looks so far and its outcome ({@link Outcome#CONTINUE} while undecided). */
    public record Judged(String baseline, List<Look> looks, Outcome outcome, int seeds) {}

    /** One experiment: its judged baselines, whether its seeds are done, and the design they were judged by. */
    public record State(String experiment, List<Judged> baselines, boolean done, int seedsRun, SequentialDesign design) {}

    /**
     * The planned runs that must run before the next look of every undecided experiment, in plan
     * order; empty when every experiment is done.
     *
     * @param planned  a sequential profile's runs (every seed up to MAX)
     * @param finished the finished runs so far: accuracy by (experiment, optimizer, seed); a diverged run is 0
     */
    public static List<Invocation> next(List<Invocation> planned, Map<String, Double> finished,
                                        SequentialDesign design, List<String> baselines) {
        List<Invocation> out = new ArrayList<>();
        for (String experiment : experiments(planned)) {
            State s = state(experiment, planned, finished, design, baselines);
            if (s.done()) {
                continue;
            }
            SequentialDesign d = design.upTo(seeds(experiment, planned).size());
            int look = nextLook(s.seedsRun(), d);
            Set<Long> seeds = new LinkedHashSet<>(seeds(experiment, planned).subList(0, d.looks().get(look)));
            for (Invocation inv : planned) {
                if (inv.experiment().equals(experiment) && seeds.contains(inv.seed())
                        && !finished.containsKey(key(inv.experiment(), inv.optimizer(), inv.seed()))) {
                    out.add(inv);
                }
            }
        }
        return out;
    }

    /** What the finished runs of {@code experiment} decide. */
    public static State state(String experiment, List<Invocation> planned, Map<String, Double> finished,
                              SequentialDesign full, List<String> baselines) {
        List<Long> seeds = seeds(experiment, planned);
        SequentialDesign design = full.upTo(seeds.size());   // seeds: auto:MAX ends the looks at MAX
        Set<String> optimizers = new LinkedHashSet<>();
        planned.stream().filter(i -> i.experiment().equals(experiment)).forEach(i -> optimizers.add(i.optimizer()));
        int complete = 0;   // seeds, in order, that every optimizer has finished
        while (complete < seeds.size() && allFinished(experiment, optimizers, seeds.get(complete), finished)) {
            complete++;
        }
        List<Judged> judged = new ArrayList<>();
        boolean allDecided = true;
        for (String baseline : baselines) {
            if (!optimizers.contains(baseline) || !optimizers.contains(ClaimCheck.VSGD)) {
                continue;
            }
            double[] d = new double[complete];
            for (int i = 0; i < complete; i++) {
                long seed = seeds.get(i);
                d[i] = finished.get(key(experiment, ClaimCheck.VSGD, seed)) - finished.get(key(experiment, baseline, seed));
            }
            List<Look> looks = design.decide(d);
            Outcome o = looks.isEmpty() ? Outcome.CONTINUE : looks.get(looks.size() - 1).outcome();
            judged.add(new Judged(baseline, looks, o, looks.isEmpty() ? 0 : looks.get(looks.size() - 1).seeds()));
            allDecided &= o.decided();
        }
        boolean atMax = complete >= design.max();
        return new State(experiment, judged, allDecided || atMax, complete, design);
    }

    /** The key of {@code finished}. */
    public static String key(String experiment, String optimizer, long seed) {
        return experiment + "\u0000" + optimizer + "\u0000" + seed;
    }

    /** Accuracy by run key of finished runs (a diverged run counts 0, as in the claim). */
    public static Map<String, Double> finished(List<RunRecord> runs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            out.put(key(r.experiment(), r.optimizer(), r.seed()), r.diverged() ? 0.0 : r.testAccuracy());
        }
        return out;
    }

    private static int nextLook(int seedsRun, SequentialDesign design) {
        for (int k = 0; k < design.looks().size(); k++) {
            if (design.looks().get(k) > seedsRun) {
                return k;
            }
        }
        return design.looks().size() - 1;
    }

    private static boolean allFinished(String experiment, Set<String> optimizers, long seed, Map<String, Double> finished) {
        return optimizers.stream().allMatch(o -> finished.containsKey(key(experiment, o, seed)));
    }

    private static List<String> experiments(List<Invocation> planned) {
        return planned.stream().map(Invocation::experiment).distinct().toList();
    }

    private static List<Long> seeds(String experiment, List<Invocation> planned) {
        return planned.stream().filter(i -> i.experiment().equals(experiment)).map(Invocation::seed).distinct().toList();
    }
}
