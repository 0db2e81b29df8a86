package dev.vsgdsuite.suite.model;

/** Validation of model config values, with messages that name the model and the key. */
final class Checks {

    private Checks() {}

    static void positive(String model, String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(model + ": " + key + " = " + value + " must be >= 1");
        }
    }

    static void input(String model, int channels, int height, int width, int classes) {
        positive(model, "channels", channels);
        positive(model, "height", height);
        positive(model, "width", width);
        if (classes < 2) {
            throw new IllegalArgumentException(model + ": classes = " + classes + " must be >= 2");
        }
    }
}
