package dev.vsgdsuite.suite.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Key;
import dev.vsgdsuite.suite.schema.Schema;
import dev.vsgdsuite.suite.schema.Section;

/**
 * The declaration of one optimizer: its name, what it is, how it decays weights, its own keys (the
 * learning rate and the weight decay are common to all) and how a YAML section becomes its record.
 * From this one declaration come the keys a config file may hold, the validation, and the key
 * reference in docs/OPTIMIZERS.md.
 *
 * @param name        the config and command-line name
 * @param summary     one sentence: the update rule and whose definition it follows
 * @param weightDecay how {@code weight_decay} acts
 * @param ownKeys     the keys beyond {@code lr} and {@code weight_decay}
 * @param reader      builds the record from a section (the record's constructor validates)
 */
public record OptimizerType<C extends OptimizerConfig>(String name, String summary, WeightDecayMode weightDecay,
                                                       List<Key<?>> ownKeys, Function<Section, C> reader) {

    public OptimizerType {
        ownKeys = List.copyOf(ownKeys);
    }

    /** The keys of this optimizer's section: {@code name}, {@code lr}, {@code weight_decay}, then its own. */
    public Schema schema() {
        List<Key<?>> keys = new ArrayList<>(List.of(OptimizerConfig.LR, weightDecay.key()));
        keys.addAll(ownKeys);
        return new Schema("optimizer", List.of("name"), keys);
    }

    /** The record of {@code section}, which must hold only this optimizer's keys. */
    public C read(Section section) {
        schema().rejectUnknown(section.keys(), "the optimizer section (" + name + ")");
        return reader.apply(section);
    }

    /** {@code value} checked against {@code key}'s rule, naming it as {@code optimizer.KEY}. */
    static <T> T check(Key<T> key, T value) {
        return key.require("optimizer", value);
    }

    static List<OptimizerType<?>> registered() {
        return Registry.TYPES;
    }

    static OptimizerType<?> named(String name) {
        for (OptimizerType<?> t : Registry.TYPES) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new ConfigException("optimizer.name = " + name + " is invalid: it must be one of "
                + Registry.TYPES.stream().map(OptimizerType::name).toList() + ".");
    }

    /** The types of the sealed interface's {@code permits} clause, each read from its {@code TYPE} field. */
    private static final class Registry {
        static final List<OptimizerType<?>> TYPES = load();

        private static List<OptimizerType<?>> load() {
            List<OptimizerType<?>> types = new ArrayList<>();
            for (Class<?> c : OptimizerConfig.class.getPermittedSubclasses()) {
                try {
                    types.add((OptimizerType<?>) c.getField("TYPE").get(null));
                } catch (ReflectiveOperationException | ClassCastException e) {
                    throw new IllegalStateException(c.getName() + " must declare public static final OptimizerType TYPE", e);
                }
            }
            return List.copyOf(types);
        }
    }
}
