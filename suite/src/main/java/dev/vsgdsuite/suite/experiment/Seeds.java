package dev.vsgdsuite.suite.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.schema.ConfigException;

/**
 * A group's seeds: a fixed list ({@code seeds: [0, 1, 2]}), or sequential ({@code seeds: auto}, or
 * {@code auto:MAX}): seeds 0, 1, … run in rounds up to the looks of the sequential design
 * (configs/claims.yaml), and an experiment stops at the first look that decides every baseline, or at
 * MAX (docs/PROTOCOL.md §4.4).
 *
 * @param list    the seeds in the order they run; for sequential seeds 0 … MAX−1, of which a run may use fewer
 * @param autoMax null for a fixed list; for sequential seeds their MAX
 */
public record Seeds(List<Long> list, Integer autoMax) {

    /** {@code seeds: auto} without a MAX: the sequential design's last look. */
    static final int DESIGN_MAX = 0;

    public Seeds {
        list = List.copyOf(list);
    }

    /** A fixed list. */
    public static Seeds of(List<Long> seeds) {
        return new Seeds(seeds, null);
    }

    /** Sequential seeds 0 … max−1 ({@code max} = {@link #DESIGN_MAX}: not yet known). */
    public static Seeds auto(int max) {
        return new Seeds(LongStream.range(0, max).boxed().toList(), max);
    }

    /** Whether the seeds come in rounds. */
    public boolean sequential() {
        return autoMax != null;
    }

    /** The same, with the design's MAX filled in where {@code seeds: auto} gave none. */
    Seeds withDesignMax(int max) {
        return sequential() && autoMax == DESIGN_MAX ? auto(max) : this;
    }

    /** From YAML: a list of whole numbers, {@code auto} or {@code auto:MAX}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Seeds fromYaml(JsonNode node) {
        if (node.isTextual()) {
            return parseAuto(node.asText(), "seeds");
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("seeds must be a list of whole numbers, auto or auto:MAX");
        }
        List<Long> seeds = new ArrayList<>();
        node.forEach(n -> {
            if (!n.canConvertToLong() || n.isFloatingPointNumber()) {
                throw new IllegalArgumentException("seeds: " + n + " is not a whole number");
            }
            seeds.add(n.asLong());
        });
        return of(seeds);
    }

    /** {@code auto} or {@code auto:MAX} ({@code origin} names where it was given); anything else is refused. */
    static Seeds parseAuto(String text, Object origin) {
        String t = text.trim();
        if (t.equals("auto")) {
            return auto(DESIGN_MAX);
        }
        if (t.startsWith("auto:")) {
            try {
                int max = Integer.parseInt(t.substring(5));
                if (max >= 2) {
                    return auto(max);
                }
            } catch (NumberFormatException e) {
                // named below
            }
        }
        throw new ConfigException(origin + " = " + ConfigException.clip(text)
                + " is not a list of seeds, auto or auto:MAX (MAX >= 2 seeds)");
    }

    /** Whether there are none. */
    boolean isEmpty() {
        return list.isEmpty() && !sequential();
    }
}
