package dev.vsgdsuite.suite.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the official binary version of CIFAR-100 ({@code cifar-100-binary/train.bin},
 * {@code test.bin}). Each record is 3,074 bytes: the coarse label (20 superclasses), the fine label
 * (100 classes), then 3,072 pixel bytes as three 32×32 planes R, G, B, rows top to bottom. The fine
 * label is the class the paper trains on; the coarse one is not kept. Pixel layout is already
 * channel-major, so an image is a straight copy of its record's pixel bytes.
 */
public final class Cifar100Reader {

    public static final String ARCHIVE_FOLDER = "cifar-100-binary";
    public static final String TRAIN_FILE = "train.bin";
    public static final String TEST_FILE = "test.bin";
    public static final int CLASSES = 100;
    public static final int SIDE = 32;
    public static final int PIXELS = 3 * SIDE * SIDE;
    public static final int RECORD_BYTES = 2 + PIXELS;

    private static final String FIX = "re-download the official binary archive cifar-100-binary.tar.gz (CIFAR page of "
            + "the University of Toronto) and unpack it again; the python and matlab versions are a different format";

    private Cifar100Reader() {}

    /** The training ({@code test == false}) or test split in {@code folder} (the one holding train.bin). */
    public static ImageSet readSplit(Path folder, boolean test, String name) {
        Path file = folder.resolve(test ? TEST_FILE : TRAIN_FILE);
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file, "missing", FIX);
        }
        return read(file, name);
    }

    /** Reads one CIFAR-100 binary file. */
    public static ImageSet read(Path file, String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetFormatException(file, "cannot be read (" + e + ")", "check that it is readable", e);
        }
        if (bytes.length == 0 || bytes.length % RECORD_BYTES != 0) {
            throw new DatasetFormatException(file, "has " + bytes.length + " bytes, not a positive multiple of the "
                    + RECORD_BYTES + "-byte CIFAR-100 record (truncated download? a CIFAR-10 file has "
                    + "3,073-byte records)", FIX);
        }
        int count = bytes.length / RECORD_BYTES;
        byte[][] images = new byte[count][PIXELS];
        int[] labels = new int[count];
        for (int r = 0; r < count; r++) {
            int at = r * RECORD_BYTES;
            int fine = bytes[at + 1] & 0xff;
            if (fine >= CLASSES) {
                throw new DatasetFormatException(file, "record " + r + " (byte offset " + at + ") has fine label "
                        + fine + ", outside the class range 0.." + (CLASSES - 1), FIX);
            }
            labels[r] = fine;
            System.arraycopy(bytes, at + 2, images[r], 0, PIXELS);
        }
        return new ImageSet(name, file, 3, SIDE, SIDE, CLASSES, null, images, labels);
    }
}
