package dev.vsgdsuite.suite.train;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.config.RunConfig;

/**
 * The values of a resolved config that decide a run's trajectory, flattened to {@code section.key}:
 * every key except those that only change what is recorded or how often (the batch size of evaluation,
 * logging, checkpoint and test-evaluation frequencies, the time-to-target accuracy). A checkpoint holds
 * them, so a resume can refuse a {@code config.yaml} edited after the run started instead of training
 * the rest of the run on other settings while the folder claims the new ones for all of it.
 */
public final class TrajectoryKeys {

    /** Keys that cannot change the parameters a run reaches. */
    static final Set<String> RECORDING_ONLY = Set.of("train.test_batch_size", "train.eval_test_freq", "train.save_freq",
            "train.log_freq", "train.optimizer_log_freq", "train.target_accuracy", "lr_source");

    private TrajectoryKeys() {}

    /** The trajectory-deciding keys of {@code config}, flattened. */
    public static SortedMap<String, String> of(RunConfig config) {
        SortedMap<String, String> out = new TreeMap<>();
        flatten("", config.tree(), out);
        RECORDING_ONLY.forEach(out::remove);
        return out;
    }

    /** The same from a checkpoint's record of them. */
    static SortedMap<String, String> of(JsonNode recorded) {
        SortedMap<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, SortedMap<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }

    /**
     * The first key whose value differs between what the checkpoint trained and {@code now}, as
     * "optimizer.lr = 0.5 in config.yaml, 0.01 in the checkpoint", or null when none does.
     */
    static String firstDifference(SortedMap<String, String> trained, SortedMap<String, String> now) {
        SortedMap<String, String> keys = new TreeMap<>(trained);
        now.forEach(keys::putIfAbsent);
        for (String key : keys.keySet()) {
            String before = trained.get(key);
            String after = now.get(key);
            if (before == null ? after != null : !before.equals(after)) {
                return key + " = " + show(after) + " in config.yaml, " + show(before) + " in the checkpoint";
            }
        }
        return null;
    }

    private static String show(String value) {
        return value == null ? "(absent)" : value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
