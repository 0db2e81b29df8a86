package dev.vsgdsuite.suite.optim;

import java.util.List;
import java.util.Locale;

import dev.vsgdsuite.suite.schema.Key;

/**
 * The key reference of every registered optimizer, rendered from the declarations: what
 * {@code vsgd-suite optimizers} prints and what docs/OPTIMIZERS.md holds (a test keeps the file equal
 * to this rendering, so the docs cannot drift from the code).
 */
public final class OptimizerReference {

    private OptimizerReference() {}

    /** The whole reference as Markdown. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Optimizer keys\n\n")
                .append("Generated from the optimizer declarations in `suite/src/main/java/dev/vsgdsuite/suite/optim/` ")
                .append("(`./vsgd-suite optimizers` prints the same). Each optimizer's section in a config ")
                .append("(`configs/optimizer/NAME.yaml`, an experiment's `optimizers.NAME`, or `optimizer.KEY=VALUE` ")
                .append("on the command line) may hold only these keys; a key left out takes its default, ")
                .append("and a value outside its rule stops the run before anything starts.\n");
        for (OptimizerType<?> type : OptimizerConfig.types()) {
            out.append("\n## `").append(type.name()).append("`\n\n").append(type.summary()).append(".\n\n");
            table(out, type.schema().keys());
        }
        out.append("\n# Learning-rate schedules\n\n")
                .append("Generated from the schedule declarations (`optim/SchedulerConfig`). A run's `scheduler` section ")
                .append("(`configs/scheduler/NAME.yaml`, or `scheduler.KEY=VALUE` on the command line) names one with ")
                .append("`name` and may hold only its keys.\n");
        for (SchedulerType<?> type : SchedulerConfig.types()) {
            out.append("\n## `").append(type.name()).append("`\n\n").append(type.summary()).append(".\n");
            if (!type.keys().isEmpty()) {
                out.append('\n');
                table(out, type.keys());
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<Key<?>> keys) {
        out.append("| key | default | rule | meaning |\n|---|---|---|---|\n");
        for (Key<?> k : keys) {
            out.append("| `").append(k.name()).append("` | ")
                    .append(k.optional() ? format(k.defaultValue()) : k.kind().nullable() ? "null" : "required").append(" | ")
                    .append(k.ruleText()).append(" | ").append(k.doc()).append(" |\n");
        }
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e6 ? String.format(Locale.ROOT, "%.1f", d)
                    : String.format(Locale.ROOT, "%s", d);
        }
        return String.valueOf(value);
    }
}
