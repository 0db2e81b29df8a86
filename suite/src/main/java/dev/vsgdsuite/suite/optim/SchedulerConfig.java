package dev.vsgdsuite.suite.optim;

import java.util.ArrayList;
import java.util.List;

import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Key;
import dev.vsgdsuite.suite.schema.Section;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * The learning-rate schedule of a run, stepped every iteration as the authors do. Each kind is a record
 * with its {@link SchedulerType} declaration ({@code TYPE}): its keys, defaults, rules and docs come from
 * that one declaration, as the optimizers' do (docs/OPTIMIZERS.md renders them).
 */
public sealed interface SchedulerConfig {

    /** This schedule's declaration. */
    SchedulerType<?> type();

    /** The config name ({@code scheduler.name}). */
    default String name() {
        return type().name();
    }

    /**
     * The per-iteration learning rate from {@code lr}, which DL4J asks every iteration; null for a
     * constant rate (and for plateau, which the trainer adjusts from the validation loss).
     */
    ISchedule schedule(double lr);

    /** The declarations, in the order of the {@code permits} list. */
    static List<SchedulerType<?>> types() {
        return Registry.TYPES;
    }

    /** The declaration called {@code name}; a {@link ConfigException} naming the valid ones otherwise. */
    static SchedulerType<?> type(String name) {
        for (SchedulerType<?> t : Registry.TYPES) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new ConfigException("scheduler.name = " + name + " is invalid: it must be one of "
                + Registry.TYPES.stream().map(SchedulerType::name).toList() + ".");
    }

    /** The schedule of a {@code scheduler} section, which may hold only its kind's keys. */
    static SchedulerConfig from(Section section, long maxIter) {
        return type(section.string("name")).read(section, maxIter);
    }

    /** A constant learning rate. */
    record Constant() implements SchedulerConfig {
        public static final SchedulerType<Constant> TYPE = new SchedulerType<>("none", "A constant learning rate",
                List.of(), (s, maxIter) -> new Constant());

        @Override
        public SchedulerType<Constant> type() {
            return TYPE;
        }

        @Override
        public ISchedule schedule(double lr) {
            return null;
        }
    }

    /** lr·γ^⌊t/step_size⌋, torch's StepLR stepped every iteration. */
    record Step(int stepSize, double gamma) implements SchedulerConfig {
        static final Key<Integer> STEP_SIZE = Key.integer("step_size", "iterations between multiplications by gamma",
                v -> v >= 1, ">= 1");
        static final Key<Double> GAMMA = Key.number("gamma", null, "γ, the factor applied every step_size iterations",
                v -> v > 0 && v <= 1, "in (0, 1]");
        public static final SchedulerType<Step> TYPE = new SchedulerType<>("step",
                "lr · gamma^floor(iteration / step_size), torch's StepLR stepped every iteration",
                List.of(STEP_SIZE, GAMMA), (s, maxIter) -> new Step(STEP_SIZE.read(s), GAMMA.read(s)));

        public Step {
            STEP_SIZE.require("scheduler", stepSize);
            GAMMA.require("scheduler", gamma);
        }

        @Override
        public SchedulerType<Step> type() {
            return TYPE;
        }

        @Override
        public ISchedule schedule(double lr) {
            return new StepSchedule(ScheduleType.ITERATION, lr, gamma, stepSize);
        }
    }

    /** η_min + (lr − η_min)·(1 + cos(π·t/T))/2, torch's CosineAnnealingLR stepped every iteration. */
    record Cosine(long tMax, double etaMin) implements SchedulerConfig {
        static final Key<Long> T_MAX = Key.nullable(new Key<>("t_max", Key.Kind.LONG, null,
                "T, the period in iterations (null: train.max_iter)", v -> v >= 1, ">= 1"));
        static final Key<Double> ETA_MIN = Key.number("eta_min", null, "η_min, the floor", v -> v >= 0, ">= 0");
        public static final SchedulerType<Cosine> TYPE = new SchedulerType<>("cosine",
                "eta_min + (lr − eta_min)·(1 + cos(π·iteration/t_max))/2, torch's CosineAnnealingLR stepped every iteration",
                List.of(T_MAX, ETA_MIN), (s, maxIter) -> {
                    Long tMax = T_MAX.read(s);
                    return new Cosine(tMax == null ? maxIter : tMax, ETA_MIN.read(s));
                });

        public Cosine {
            T_MAX.require("scheduler", tMax);
            ETA_MIN.require("scheduler", etaMin);
        }

        @Override
        public SchedulerType<Cosine> type() {
            return TYPE;
        }

        @Override
        public ISchedule schedule(double lr) {
            return new CosineSchedule(lr, tMax, etaMin);
        }
    }

    /**
     * lr·factor when the validation loss has not improved by a relative threshold for more than
     * {@code patience} checks: torch's ReduceLROnPlateau (mode min, threshold_mode rel), applied by the trainer.
     */
    record Plateau(double factor, int patience, double threshold, int cooldown, double minLr) implements SchedulerConfig {
        static final Key<Double> FACTOR = Key.number("factor", null, "the factor applied to the learning rate on a plateau",
                v -> v > 0 && v < 1, "in (0, 1)");
        static final Key<Integer> PATIENCE = Key.integer("patience",
                "validation checks without improvement before the rate is reduced", v -> v >= 0, ">= 0");
        static final Key<Double> THRESHOLD = Key.number("threshold", null,
                "the relative improvement of the validation loss that counts", v -> v >= 0, ">= 0");
        static final Key<Integer> COOLDOWN = Key.integer("cooldown", "validation checks to wait after a reduction",
                v -> v >= 0, ">= 0");
        static final Key<Double> MIN_LR = Key.number("min_lr", null, "the floor of the learning rate", v -> v >= 0, ">= 0");
        public static final SchedulerType<Plateau> TYPE = new SchedulerType<>("plateau",
                "lr · factor when the validation loss has not improved for patience checks, torch's ReduceLROnPlateau "
                        + "(mode min, threshold_mode rel)",
                List.of(FACTOR, PATIENCE, THRESHOLD, COOLDOWN, MIN_LR),
                (s, maxIter) -> new Plateau(FACTOR.read(s), PATIENCE.read(s), THRESHOLD.read(s), COOLDOWN.read(s),
                        MIN_LR.read(s)));

        public Plateau {
            FACTOR.require("scheduler", factor);
            PATIENCE.require("scheduler", patience);
            THRESHOLD.require("scheduler", threshold);
            COOLDOWN.require("scheduler", cooldown);
            MIN_LR.require("scheduler", minLr);
        }

        @Override
        public SchedulerType<Plateau> type() {
            return TYPE;
        }

        @Override
        public ISchedule schedule(double lr) {
            return null;
        }
    }

    /** The types of the {@code permits} list, each read from its {@code TYPE} field. */
    final class Registry {
        static final List<SchedulerType<?>> TYPES = load();

        private Registry() {}

        private static List<SchedulerType<?>> load() {
            List<SchedulerType<?>> types = new ArrayList<>();
            for (Class<?> c : SchedulerConfig.class.getPermittedSubclasses()) {
                try {
                    types.add((SchedulerType<?>) c.getField("TYPE").get(null));
                } catch (ReflectiveOperationException | ClassCastException e) {
                    throw new IllegalStateException(c.getName() + " must declare public static final SchedulerType TYPE", e);
                }
            }
            return List.copyOf(types);
        }
    }
}
