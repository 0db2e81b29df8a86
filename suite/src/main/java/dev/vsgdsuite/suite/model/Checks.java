package dev.vsgdsuite.suite.model;

/** Validation of model config values, with messages that name the model and the key. */
final class Checks {

    /** Keys that describe the data, not the model config. */
    private static final java.util.Set<String> INPUT_KEYS = java.util.Set.of("channels", "height", "width");

    private Checks() {}

    static void positive(String model, String key, int value) {
        if (value < 1) {
            throw new InvalidModelException(INPUT_KEYS.contains(key) ? null : key,
                    model + ": " + key + " = " + value + " must be >= 1");
        }
    }

    static void input(String model, int channels, int height, int width, int classes) {
        positive(model, "channels", channels);
        positive(model, "height", height);
        positive(model, "width", width);
        if (classes < 2) {
            throw new InvalidModelException(null, model + ": classes = " + classes + " must be >= 2");
        }
    }
}
