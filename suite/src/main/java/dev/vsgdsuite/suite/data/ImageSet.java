package dev.vsgdsuite.suite.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Labelled images held in memory as the files store them: uint8 pixels, channel-major (each image
 * one {@code byte[]} of channels × height × width, planes in channel order, rows top to bottom).
 *
 * <p>Bytes rather than floats because the sets are large (CIFAR-100 train is 150 MB as bytes, Tiny
 * ImageNet train 1.2 GB; four times that as floats) and because every pipeline starts with the same
 * ToTensor scaling anyway. A {@link #subset subset} shares the image arrays of its parent; images
 * are never modified after loading, so sharing is safe.
 */
public final class ImageSet {

    private final String name;
    private final Path source;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final List<String> classNames;
    private final byte[][] images;
    private final int[] labels;

    /**
     * @param name       what the set is, for messages and logs ("cifar100/train")
     * @param source     the file or folder it was read from, for messages
     * @param classNames one name per class, or null when the format carries none
     * @param images     one array of {@code channels*height*width} bytes per image (not copied)
     * @param labels     the class of each image, in {@code [0, numClasses)} (not copied)
     */
    public ImageSet(String name, Path source, int channels, int height, int width, int numClasses,
                    List<String> classNames, byte[][] images, int[] labels) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = source;
        if (channels < 1 || height < 1 || width < 1 || numClasses < 1) {
            throw new IllegalArgumentException(name + ": channels, height, width, numClasses must be >= 1, got "
                    + channels + ", " + height + ", " + width + ", " + numClasses);
        }
        if (images.length != labels.length) {
            throw new IllegalArgumentException(name + ": " + images.length + " images but " + labels.length + " labels");
        }
        if (classNames != null && classNames.size() != numClasses) {
            throw new IllegalArgumentException(name + ": " + classNames.size() + " class names for " + numClasses
                    + " classes");
        }
        int pixels = channels * height * width;
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != pixels) {
                throw new IllegalArgumentException(name + ": image " + i + " has " + images[i].length
                        + " bytes, expected " + channels + "x" + height + "x" + width + " = " + pixels);
            }
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i
                        + " is outside [0, " + numClasses + ")");
            }
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        this.images = images;
        this.labels = labels;
    }

    public String name() {
        return name;
    }

    /** The file or folder the images came from (null for sets built in memory). */
    public Path source() {
        return source;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Bytes per image: channels × height × width. */
    public int pixelsPerImage() {
        return channels * height * width;
    }

    public int numClasses() {
        return numClasses;
    }

    /** One name per class (Tiny ImageNet: the wnids; Fashion-MNIST: the article names), or null. */
    public List<String> classNames() {
        return classNames;
    }

    public int size() {
        return images.length;
    }

    /** Image {@code i}, channel-major; the array itself, not a copy: do not modify it. */
    public byte[] image(int i) {
        return images[i];
    }

    public int label(int i) {
        return labels[i];
    }

    /** How many images each class has, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The images at {@code indices}, in that order (sharing their arrays); named {@code name}. */
    public ImageSet subset(String subsetName, int[] indices) {
        byte[][] picked = new byte[indices.length][];
        int[] pickedLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= images.length) {
                throw new IndexOutOfBoundsException(name + ": index " + i + " outside [0, " + images.length + ")");
            }
            picked[k] = images[i];
            pickedLabels[k] = labels[i];
        }
        return new ImageSet(subsetName, source, channels, height, width, numClasses, classNames, picked, pickedLabels);
    }

    /** The images at {@code indices}, in that order, keeping this set's name. */
    public ImageSet subset(int[] indices) {
        return subset(name, indices);
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images " + channels + "x" + height + "x" + width + ", " + numClasses
                + " classes, from " + source + ")";
    }
}
