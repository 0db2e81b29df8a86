package dev.vsgdsuite.suite.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.vsgdsuite.suite.train.Json;

/**
 * {@code reports/results.json}: the outcome RESULTS.md shows, for other tools and dashboards, built
 * from the same {@link ClaimCheck} outcomes. Accuracies are fractions; a number that does not exist
 * (the interval of one seed, the step time of a run without warm intervals) is null.
 */
public final class ResultsJson {

    private ResultsJson() {}

    /** The whole file. */
    public record File(Map<String, ProfileResults> profiles) {}

    /** One profile: its experiments, and the run folders that could not be counted. */
    public record ProfileResults(Map<String, ExperimentResults> experiments, List<BrokenRun> broken) {}

    /** A run folder left out: unreadable, not a run result, or a failed run. */
    public record BrokenRun(String dir, String reason) {}

    /**
     * One experiment: each optimizer's accuracies, VSGD against each baseline, the overall verdict, and
     * the runs ignored as repeats of an experiment × optimizer × seed already counted.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ExperimentResults(Map<String, OptimizerResults> optimizers, Map<String, String> learningRates,
                                    List<Comparison> comparisons, Verdict verdict, List<String> duplicates,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) Sequential sequential) {}

    /**
     * Sequential seeds (docs/PROTOCOL.md §4.4): the design, the seeds run, the experiment's outcome and
     * per baseline every look taken.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Sequential(List<Integer> looks, double alpha, double margin, int seedsRun, boolean done,
                             dev.vsgdsuite.suite.verdict.Outcome outcome, List<SequentialRounds.Judged> baselines) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OptimizerResults(int n, List<Long> seeds, List<Double> accuracies, double mean, double std, int diverged,
                                   @JsonSerialize(using = Json.FiniteOrNull.class) double msPerIter) {}

    /** The results of each profile's runs ({@code runsByProfile}: profile name → its run folders). */
    public static File of(Map<String, RunRecord.Scan> runsByProfile, Claims claims) {
        return of(runsByProfile, claims, Map.of());
    }

    /** As {@link #of(Map, Claims)}, with the sequential plan of the profiles that have one. */
    public static File of(Map<String, RunRecord.Scan> runsByProfile, Claims claims, Map<String, SequentialPlan> plans) {
        Map<String, ProfileResults> profiles = new LinkedHashMap<>();
        runsByProfile.forEach((profile, scan) -> {
            Set<String> experiments = new LinkedHashSet<>();
            scan.runs().forEach(r -> experiments.add(r.experiment()));
            Map<String, ExperimentResults> byExperiment = new LinkedHashMap<>();
            for (String e : experiments) {
                ClaimCheck.Outcome o = ClaimCheck.check(e, scan.runs(), claims);
                SequentialPlan plan = plans.get(profile);
                Sequential sequential = null;
                if (plan != null) {
                    SequentialRounds.State st = plan.state(e, scan.runs(), claims.baselines());
                    sequential = new Sequential(st.design().looks(), plan.alpha(), plan.margin(), st.seedsRun(), st.done(),
                            SequentialClaims.experimentOutcome(st), st.baselines());
                }
                byExperiment.put(e, experiment(o, ClaimTables.learningRates(o, e, scan.runs()), sequential));
            }
            List<BrokenRun> broken = scan.broken().stream().map(b -> new BrokenRun(b.dir().toString(), b.reason())).toList();
            profiles.put(profile, new ProfileResults(byExperiment, broken));
        });
        return new File(profiles);
    }

    private static ExperimentResults experiment(ClaimCheck.Outcome o, Map<String, String> learningRates,
                                                Sequential sequential) {
        Map<String, OptimizerResults> optimizers = new LinkedHashMap<>();
        for (ClaimCheck.Row r : o.rows().values()) {
            optimizers.put(r.optimizer(), new OptimizerResults(r.bySeed().size(), new ArrayList<>(r.bySeed().keySet()),
                    new ArrayList<>(r.bySeed().values()), r.mean(), r.std(), r.diverged(), r.msPerIter()));
        }
        return new ExperimentResults(optimizers, learningRates, o.comparisons(), o.verdict(), o.duplicates(), sequential);
    }
}
