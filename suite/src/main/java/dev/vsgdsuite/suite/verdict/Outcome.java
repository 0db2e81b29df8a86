package dev.vsgdsuite.suite.verdict;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a sequence of looks at paired seeds says about "VSGD beats the baseline", judged on the
 * repeated confidence interval of the mean accuracy difference VSGD − baseline ({@link SequentialDesign}).
 */
public enum Outcome {
    /** The interval lies above 0: VSGD is better. */
    REPRODUCED,
    /** The interval lies below 0: VSGD is worse. */
    CONTRADICTED,
    /** The interval lies inside ±margin: no difference that matters. */
    EQUIVALENT,
    /** The last look (MAX seeds) came with none of the above. */
    INCONCLUSIVE,
    /** Not decided at this look; more seeds are to come. */
    CONTINUE;

    /** The word used in JSON and Markdown. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the four outcomes that end a sequence. */
    public boolean decided() {
        return this != CONTINUE;
    }
}
