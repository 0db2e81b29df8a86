package dev.vsgdsuite.suite.model;

/**
 * What a network is built for: images of {@code channels × height × width}, {@code classes} classes.
 */
public record InputShape(int channels, int height, int width, int classes) {

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width + ", " + classes + " classes";
    }
}
