package dev.vsgdsuite.suite.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: an images file (idx3, magic 2051: count, rows,
 * columns, then the pixels row by row) and a labels file (idx1, magic 2049: count, then one byte
 * per label), each gzipped or not (detected from the gzip magic bytes, not the name). Every check
 * the format allows is made (magic, header size against file size, image count against label
 * count, label range) and a failure names the file and the fix.
 */
public final class IdxReader {

    public static final int IMAGES_MAGIC = 2051;
    public static final int LABELS_MAGIC = 2049;
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four files of a distribution, without the optional {@code .gz}. */
    public static final List<String> STANDARD_FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    /** Fashion-MNIST's labels 0..9, as in Zalando's README. */
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String FIX = "replace it with the original file of the dataset distribution (Fashion-MNIST: "
            + "apt-get install --reinstall dataset-fashion-mnist, or Zalando's GitHub release; MNIST: the original "
            + "four IDX files)";

    private IdxReader() {}

    /** {@code folder/base.gz} if it exists, else {@code folder/base} if it exists, else null. */
    public static Path find(Path folder, String base) {
        Path gz = folder.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = folder.resolve(base);
        return Files.isRegularFile(plain) ? plain : null;
    }

    /**
     * The training ({@code test == false}) or test split of the distribution in {@code folder}.
     *
     * @param name       the set's name, for messages ("fashion_mnist/train")
     * @param classNames one name per class (10), or null
     */
    public static ImageSet readSplit(Path folder, boolean test, String name, List<String> classNames) {
        String imagesBase = test ? TEST_IMAGES : TRAIN_IMAGES;
        String labelsBase = test ? TEST_LABELS : TRAIN_LABELS;
        Path images = find(folder, imagesBase);
        Path labels = find(folder, labelsBase);
        if (images == null || labels == null) {
            Path missing = folder.resolve((images == null ? imagesBase : labelsBase) + ".gz");
            throw new DatasetFormatException(missing, "missing (neither " + missing.getFileName() + " nor the "
                    + "uncompressed file exists)", "put the four IDX files of the distribution in " + folder);
        }
        return read(images, labels, name, 10, classNames);
    }

    /** Reads a pair of IDX files into one set of 1-channel images with labels in {@code [0, numClasses)}. */
    public static ImageSet read(Path imagesFile, Path labelsFile, String name, int numClasses, List<String> classNames) {
        ByteBuffer img = ByteBuffer.wrap(readMaybeGzipped(imagesFile));
        checkMagic(imagesFile, img, IMAGES_MAGIC, "images (idx3)", LABELS_MAGIC, "a labels file");
        if (img.remaining() < 12) {
            throw new DatasetFormatException(imagesFile, "ends inside the header (" + img.capacity() + " bytes)", FIX);
        }
        int count = img.getInt();
        int rows = img.getInt();
        int cols = img.getInt();
        if (count < 1 || rows < 1 || cols < 1) {
            throw new DatasetFormatException(imagesFile, "header says " + count + " images of " + rows + "x" + cols
                    + ", which is not a valid size", FIX);
        }
        long expected = 16L + (long) count * rows * cols;
        if (img.capacity() != expected) {
            throw new DatasetFormatException(imagesFile, "header says " + count + " images of " + rows + "x" + cols
                    + " (" + expected + " bytes) but the data has " + img.capacity() + " bytes (truncated download?)",
                    FIX);
        }
        ByteBuffer lab = ByteBuffer.wrap(readMaybeGzipped(labelsFile));
        checkMagic(labelsFile, lab, LABELS_MAGIC, "labels (idx1)", IMAGES_MAGIC, "an images file");
        if (lab.remaining() < 4) {
            throw new DatasetFormatException(labelsFile, "ends inside the header (" + lab.capacity() + " bytes)", FIX);
        }
        int labelCount = lab.getInt();
        if (labelCount < 0 || lab.capacity() != 8L + labelCount) {
            throw new DatasetFormatException(labelsFile, "header says " + labelCount + " labels (" + (8L + labelCount)
                    + " bytes) but the data has " + lab.capacity() + " bytes (truncated download?)", FIX);
        }
        if (labelCount != count) {
            throw new DatasetFormatException(labelsFile, "has " + labelCount + " labels but the images file "
                    + imagesFile + " has " + count + " images; the two files come from different splits or "
                    + "distributions", "use the images and labels files of the same split (train-* with train-*, "
                    + "t10k-* with t10k-*) from one distribution");
        }
        int pixels = rows * cols;
        byte[][] images = new byte[count][pixels];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            img.get(images[i]);
            labels[i] = lab.get() & 0xff;
            if (labels[i] >= numClasses) {
                throw new DatasetFormatException(labelsFile, "label " + labels[i] + " of item " + i
                        + " is outside the class range 0.." + (numClasses - 1), FIX);
            }
        }
        return new ImageSet(name, imagesFile, 1, rows, cols, numClasses, classNames, images, labels);
    }

    private static void checkMagic(Path file, ByteBuffer data, int expected, String what, int swapped,
                                   String swappedWhat) {
        if (data.remaining() < 4) {
            throw new DatasetFormatException(file, "is " + data.remaining() + " bytes long, too short for an IDX "
                    + "header", FIX);
        }
        int magic = data.getInt();
        if (magic != expected) {
            String hint = magic == swapped ? " (it is " + swappedWhat + ": are the images and labels files swapped?)"
                    : " (not an IDX " + what + " file)";
            throw new DatasetFormatException(file, "IDX magic number is " + magic + ", expected " + expected + " for "
                    + what + hint, FIX);
        }
    }

    /** The file's bytes, gunzipped when it starts with the gzip magic bytes 1f 8b. */
    static byte[] readMaybeGzipped(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (InputStream gz = new GZIPInputStream(raw, 1 << 16)) {
                    return gz.readAllBytes();
                } catch (IOException e) {
                    throw new DatasetFormatException(file, "is gzip-compressed but cannot be decompressed (" + e
                            + "; truncated download?)", FIX, e);
                }
            }
            return raw.readAllBytes();
        } catch (IOException e) {
            throw new DatasetFormatException(file, "cannot be read (" + e + ")", "check that it exists and is readable", e);
        }
    }
}
