package dev.vsgdsuite.suite.optim;

import java.util.List;

import dev.vsgdsuite.suite.schema.Key;
import dev.vsgdsuite.suite.schema.Section;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * One optimizer's settings, typed: each optimizer is one record implementing this interface, with
 * its keys declared beside it ({@link OptimizerType}) and validated when the record is constructed.
 * The {@code permits} clause is the registry: adding an optimizer is one new record here (with a
 * {@code public static final OptimizerType TYPE}) plus its {@code configs/optimizer/NAME.yaml}.
 */
public sealed interface OptimizerConfig permits VsgdConfig, AdamConfig, AdamWConfig, SgdConfig {

    /** η: every optimizer has one, and none has a default — a learning rate is always a choice. */
    Key<Double> LR = Key.number("lr", null, "learning rate η (the start value when a schedule is set)",
            v -> v >= 0, ">= 0");

    /** The declaration of this optimizer: name, keys, weight-decay mode. */
    OptimizerType<?> type();

    double lr();

    /** λ, applied as {@link OptimizerType#weightDecay()} says. */
    double weightDecay();

    /** The DL4J updater with this config's values; {@code schedule} null means a constant η. */
    IUpdater updater(ISchedule schedule);

    /** The name used in configs and on the command line ({@code vsgd}, {@code adam}, …). */
    default String name() {
        return type().name();
    }

    /** Every registered optimizer, in the order of the {@code permits} clause. */
    static List<OptimizerType<?>> types() {
        return OptimizerType.registered();
    }

    /** The optimizer called {@code name}; an unknown name is an error listing the known ones. */
    static OptimizerType<?> type(String name) {
        return OptimizerType.named(name);
    }

    /** Reads the {@code optimizer} section: its {@code name} picks the type, which reads and validates the rest. */
    static OptimizerConfig from(Section section) {
        return type(section.string("name")).read(section);
    }
}
