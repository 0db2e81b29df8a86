package dev.vsgdsuite.suite.report;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The outcome of one claim comparison "VSGD ≥ baseline − δ", judged on the 95 % confidence interval
 * of the accuracy difference VSGD − baseline: reproduced when the whole interval lies above −δ,
 * contradicted when it lies below, inconclusive when it straddles −δ or there are too few seeds to
 * form one.
 */
public enum Verdict {
    REPRODUCED,
    CONTRADICTED,
    INCONCLUSIVE;

    /** The word used in results.json and RESULTS.md. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
