package dev.vsgdsuite.suite.optim;

import java.util.List;
import java.util.function.BiFunction;

import dev.vsgdsuite.suite.schema.Key;
import dev.vsgdsuite.suite.schema.Schema;
import dev.vsgdsuite.suite.schema.Section;

/**
 * The declaration of one learning-rate schedule: its name, what it does, its keys and how a YAML
 * section becomes its record. From it come the keys a {@code scheduler} section may hold, the
 * validation, and the schedule reference in docs/OPTIMIZERS.md.
 *
 * @param reader builds the record from a section and the run's {@code train.max_iter}
 */
public record SchedulerType<C extends SchedulerConfig>(String name, String summary, List<Key<?>> keys,
                                                       BiFunction<Section, Long, C> reader) {

    public SchedulerType {
        keys = List.copyOf(keys);
    }

    /** The keys of this schedule's section: {@code name}, then its own. */
    public Schema schema() {
        return new Schema("scheduler", List.of("name"), keys);
    }

    /** The record of {@code section}, which must hold only this schedule's keys. */
    public C read(Section section, long maxIter) {
        schema().rejectUnknown(section.keys(), "the scheduler section (" + name + ")");
        return reader.apply(section, maxIter);
    }
}
