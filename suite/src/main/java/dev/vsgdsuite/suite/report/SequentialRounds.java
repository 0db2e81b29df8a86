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
import dev.vsgdsuite.suite.verdict.ProbabilityOfImprovement;
import dev.vsgdsuite.suite.verdict.SequentialDesign;

/**
 * Sequential seeds over run folders: which runs come next, and what the runs so far decide. Nothing
 * is kept but the run folders themselves: the rule is deterministic, so an interrupted sequence
 * (a killed JVM, a session's end) continues from the runs it has and repeats none
 * (docs/PROTOCOL.md §4.4).
 *
 * <p>Per experiment and baseline, look k needs VSGD's and the baseline's first n_k seeds; the
 * baseline is judged on the paired differences VSGD − baseline in seed order. A decided baseline
 * runs no more seeds (its decision is final in the design), and the experiment ends when every
 * baseline is decided, or at MAX.
 */
public final class SequentialRounds {

    private SequentialRounds() {}

    /**
     * One baseline's looks so far and its outcome ({@link Outcome#CONTINUE} while undecided).
     *
     * @param seeds       the seeds of its last look
     * @param paired      the seeds, in order, that both VSGD and this baseline have finished
     * @param improvement P(VSGD &gt; baseline) over the seeds of its last look, with its bootstrap
     *                    interval; null before the first look
     */
    public record Judged(String baseline, List<Look> looks, Outcome outcome, int seeds, int paired,
                         ProbabilityOfImprovement improvement) {}

    /**
     * One experiment: its judged baselines, whether its seeds are done, the most seeds any look
     * used, and the design they were judged by.
     */
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
            // a decided baseline's comparison is final: only VSGD and the undecided baselines run on
            Set<String> running = new LinkedHashSet<>();
            running.add(ClaimCheck.VSGD);
            int judgedSeeds = Integer.MAX_VALUE;
            for (Judged j : s.baselines()) {
                if (!j.outcome().decided()) {
                    running.add(j.baseline());
                    judgedSeeds = Math.min(judgedSeeds, j.paired());
                }
            }
            SequentialDesign d = s.design();
            List<Long> seeds = seeds(experiment, planned);
            Set<Long> needed = new LinkedHashSet<>(seeds.subList(0, d.looks().get(nextLook(judgedSeeds, d))));
            for (Invocation inv : planned) {
                if (inv.experiment().equals(experiment) && needed.contains(inv.seed()) && running.contains(inv.optimizer())
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
        List<Judged> judged = new ArrayList<>();
        boolean done = true;
        int seedsRun = 0;
        for (String baseline : baselines) {
            if (!optimizers.contains(baseline) || !optimizers.contains(ClaimCheck.VSGD)) {
                continue;
            }
            int paired = 0;   // seeds, in order, that both VSGD and the baseline have finished
            while (paired < seeds.size() && finished.containsKey(key(experiment, ClaimCheck.VSGD, seeds.get(paired)))
                    && finished.containsKey(key(experiment, baseline, seeds.get(paired)))) {
                paired++;
            }
            double[] d = new double[paired];
            for (int i = 0; i < paired; i++) {
                long seed = seeds.get(i);
                d[i] = finished.get(key(experiment, ClaimCheck.VSGD, seed)) - finished.get(key(experiment, baseline, seed));
            }
            List<Look> looks = design.decide(d);
            Outcome o = looks.isEmpty() ? Outcome.CONTINUE : looks.get(looks.size() - 1).outcome();
            int used = looks.isEmpty() ? 0 : looks.get(looks.size() - 1).seeds();
            judged.add(new Judged(baseline, looks, o, used, paired,
                    used == 0 ? null : ProbabilityOfImprovement.of(java.util.Arrays.copyOf(d, used))));
            done &= o.decided() || paired >= design.max();
            seedsRun = Math.max(seedsRun, used);
        }
        return new State(experiment, judged, done, seedsRun, design);
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

    private static List<String> experiments(List<Invocation> planned) {
        return planned.stream().map(Invocation::experiment).distinct().toList();
    }

    private static List<Long> seeds(String experiment, List<Invocation> planned) {
        return planned.stream().filter(i -> i.experiment().equals(experiment)).map(Invocation::seed).distinct().toList();
    }
}
