package dev.vsgdsuite.suite.report;

import java.util.Locale;
import java.util.stream.Collectors;

import dev.vsgdsuite.suite.verdict.Look;
import dev.vsgdsuite.suite.verdict.Outcome;
import dev.vsgdsuite.suite.verdict.ProbabilityOfImprovement;
import dev.vsgdsuite.suite.verdict.SequentialDesign;

/** The sequential claim of one experiment in words and tables, from its {@link SequentialRounds.State}. */
public final class SequentialClaims {

    private SequentialClaims() {}

    /**
     * The experiment's outcome from its baselines': contradicted when any is, reproduced when all are,
     * inconclusive when any is (or any is still running), equivalent otherwise (no baseline beaten
     * or lost to, at least one equivalent).
     */
    public static Outcome experimentOutcome(SequentialRounds.State s) {
        if (s.baselines().isEmpty()) {
            return Outcome.INCONCLUSIVE;
        }
        if (s.baselines().stream().anyMatch(j -> j.outcome() == Outcome.CONTRADICTED)) {
            return Outcome.CONTRADICTED;
        }
        if (s.baselines().stream().allMatch(j -> j.outcome() == Outcome.REPRODUCED)) {
            return Outcome.REPRODUCED;
        }
        if (s.baselines().stream().anyMatch(j -> j.outcome() == Outcome.INCONCLUSIVE || !j.outcome().decided())) {
            return Outcome.INCONCLUSIVE;
        }
        return Outcome.EQUIVALENT;
    }

    /**
     * One line: per baseline its outcome, the look and seeds it came at, the last interval and the
     * probability of improvement.
     */
    public static String summary(SequentialRounds.State s) {
        return s.baselines().stream().map(j -> {
            Look last = j.looks().isEmpty() ? null : j.looks().get(j.looks().size() - 1);
            return "vs " + j.baseline() + " " + j.outcome().id() + (last == null ? " (no look yet)"
                    : String.format(Locale.ROOT, " at look %d (%d seeds), VSGD − %s %+.2f points, repeated interval [%+.2f, %+.2f], %s",
                    last.look(), last.seeds(), j.baseline(), 100 * last.difference(), 100 * last.rciLow(), 100 * last.rciHigh(),
                    improvement(j)));
        }).collect(Collectors.joining("; "));
    }

    /** "P(VSGD > adam) = 0.60 [0.20, 1.00]" over the seeds of the baseline's last look. */
    static String improvement(SequentialRounds.Judged j) {
        ProbabilityOfImprovement p = j.improvement();
        return p == null ? "P(VSGD > " + j.baseline() + ") not yet" : String.format(Locale.ROOT,
                "P(VSGD > %s) = %.2f [%.2f, %.2f] (%d seeds, 95 %% bootstrap)", j.baseline(), p.estimate(), p.low(), p.high(),
                p.seeds());
    }

    /** Every look of every baseline as a Markdown table. */
    public static String markdown(SequentialRounds.State s) {
        SequentialDesign design = s.design();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Sequential seeds (docs/PROTOCOL.md §4.4): looks at %s seeds, α = %s, margin ±%.2f points; %d seeds run.%n%n",
                design.looks(), design.alpha(), 100 * design.margin(), s.seedsRun()));
        b.append("| baseline | look | seeds | VSGD − baseline | critical z | repeated interval | outcome |\n|---|---|---|---|---|---|---|\n");
        for (SequentialRounds.Judged j : s.baselines()) {
            for (Look l : j.looks()) {
                b.append(String.format(Locale.ROOT, "| %s | %d | %d | %+.2f | %.3f | [%+.2f, %+.2f] | %s |%n", j.baseline(),
                        l.look(), l.seeds(), 100 * l.difference(), l.critical(), 100 * l.rciLow(), 100 * l.rciHigh(),
                        l.outcome().id()));
            }
        }
        return b.toString();
    }
}
