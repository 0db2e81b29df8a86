package dev.vsgdsuite.suite.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes the data fixtures under {@code fixtures/} (see fixtures/README.md for the command):
 * <ul>
 *   <li>{@code fashion-mnist-subset/}: the first 300 training and first 100 test images of each
 *       class of the real Fashion-MNIST, in file order, as gzipped IDX;</li>
 *   <li>{@code cifar100-tiny/cifar-100-binary/}: synthetic CIFAR-100 binary files, 10 classes;</li>
 *   <li>{@code tiny-imagenet-tiny/tiny-imagenet-200/}: a synthetic Tiny ImageNet, 4 classes.</li>
 * </ul>
 * The synthetic images are a coloured disc (the colour says the class) on a noisy dark
 * background, so a small network can learn them. Everything is a function of fixed seeds: a rerun
 * writes the same bytes (checked by {@code FixtureGeneratorTest}).
 */
public final class FixtureGenerator {

    public static final int FASHION_TRAIN_PER_CLASS = 300;
    public static final int FASHION_TEST_PER_CLASS = 100;
    /** The fine labels of the CIFAR fixture's classes: 0, 11, 22, ..., 99. */
    public static final int[] CIFAR_FINE_LABELS = {0, 11, 22, 33, 44, 55, 66, 77, 88, 99};
    public static final int CIFAR_TRAIN_PER_CLASS = 20;
    public static final int CIFAR_TEST_PER_CLASS = 5;
    /** Real Tiny ImageNet wnids (goldfish, European fire salamander, bullfrog, tailed frog). */
    public static final List<String> TINY_WNIDS = List.of("n01443537", "n01629819", "n01641577", "n01644900");
    public static final int TINY_TRAIN_PER_CLASS = 8;
    public static final int TINY_VAL_PER_CLASS = 4;
    /** The one grey JPEG of the tiny fixture (the real set has grey images too): class 0, image 7. */
    public static final String TINY_GREY_IMAGE = TINY_WNIDS.get(0) + "_7.JPEG";
    public static final float JPEG_QUALITY = 0.9f;

    private FixtureGenerator() {}

    /** {@code main(fixturesFolder [fashionMnistSource])}: writes all three fixtures. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: FixtureGenerator FIXTURES_FOLDER [FASHION_MNIST_FOLDER]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path fashion = args.length > 1 ? Path.of(args[1]) : DatasetLocator.DEBIAN_FASHION_MNIST;
        writeFashionSubset(fashion, root.resolve("fashion-mnist-subset"));
        writeFormatFixtures(root);
        System.out.println("wrote fixtures under " + root.toAbsolutePath());
    }

    /** The two synthetic fixtures, under {@code root/cifar100-tiny} and {@code root/tiny-imagenet-tiny}. */
    public static void writeFormatFixtures(Path root) throws IOException {
        writeCifar100Tiny(root.resolve("cifar100-tiny").resolve(Cifar100Reader.ARCHIVE_FOLDER));
        writeTinyImageNetTiny(root.resolve("tiny-imagenet-tiny").resolve(TinyImageNetReader.ARCHIVE_FOLDER));
    }

    // ---- Fashion-MNIST subset ----

    public static void writeFashionSubset(Path source, Path out) throws IOException {
        Files.createDirectories(out);
        for (boolean test : new boolean[] {false, true}) {
            ImageSet all = IdxReader.readSplit(source, test, test ? "test" : "train", null);
            int[] picked = firstPerClass(all, test ? FASHION_TEST_PER_CLASS : FASHION_TRAIN_PER_CLASS);
            ImageSet subset = all.subset(picked);
            writeIdx(subset, out.resolve((test ? IdxReader.TEST_IMAGES : IdxReader.TRAIN_IMAGES) + ".gz"),
                    out.resolve((test ? IdxReader.TEST_LABELS : IdxReader.TRAIN_LABELS) + ".gz"));
        }
    }

    /** The indices of the first {@code perClass} images of each class, in file order. */
    static int[] firstPerClass(ImageSet set, int perClass) {
        int[] taken = new int[set.numClasses()];
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (taken[set.label(i)]++ < perClass) {
                picked.add(i);
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Writes a 1-channel set as gzipped IDX; Java's gzip header has mtime 0, so the bytes are reproducible. */
    static void writeIdx(ImageSet set, Path imagesFile, Path labelsFile) throws IOException {
        ByteBuffer images = ByteBuffer.allocate(16 + set.size() * set.pixelsPerImage());
        images.putInt(IdxReader.IMAGES_MAGIC).putInt(set.size()).putInt(set.height()).putInt(set.width());
        ByteBuffer labels = ByteBuffer.allocate(8 + set.size());
        labels.putInt(IdxReader.LABELS_MAGIC).putInt(set.size());
        for (int i = 0; i < set.size(); i++) {
            images.put(set.image(i));
            labels.put((byte) set.label(i));
        }
        writeGzip(imagesFile, images.array());
        writeGzip(labelsFile, labels.array());
    }

    static void writeGzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    // ---- CIFAR-100 binary ----

    /**
     * {@code train.bin} and {@code test.bin} in {@code out}. Records are in a seeded random class
     * order. Besides the disc, pixel (0, 0) of each record carries a marker the tests check:
     * R = the fine label, G = 255 − the fine label, B = the record index mod 256.
     */
    public static void writeCifar100Tiny(Path out) throws IOException {
        Files.createDirectories(out);
        writeCifarFile(out.resolve(Cifar100Reader.TRAIN_FILE), CIFAR_TRAIN_PER_CLASS, 100);
        writeCifarFile(out.resolve(Cifar100Reader.TEST_FILE), CIFAR_TEST_PER_CLASS, 200);
    }

    private static void writeCifarFile(Path file, int perClass, long seed) throws IOException {
        List<Integer> classes = new ArrayList<>();
        for (int k = 0; k < CIFAR_FINE_LABELS.length; k++) {
            for (int i = 0; i < perClass; i++) {
                classes.add(k);
            }
        }
        Collections.shuffle(classes, new Random(seed));
        int side = Cifar100Reader.SIDE;
        int plane = side * side;
        byte[] bytes = new byte[classes.size() * Cifar100Reader.RECORD_BYTES];
        for (int r = 0; r < classes.size(); r++) {
            int k = classes.get(r);
            int fine = CIFAR_FINE_LABELS[k];
            byte[] chw = syntheticImage(k, CIFAR_FINE_LABELS.length, side, new Random(seed * 1_000_003L + r), false);
            chw[0] = (byte) fine;
            chw[plane] = (byte) (255 - fine);
            chw[2 * plane] = (byte) r;
            int at = r * Cifar100Reader.RECORD_BYTES;
            bytes[at] = (byte) (fine / 5);
            bytes[at + 1] = (byte) fine;
            System.arraycopy(chw, 0, bytes, at + 2, chw.length);
        }
        Files.write(file, bytes);
    }

    // ---- Tiny ImageNet ----

    /** The whole {@code tiny-imagenet-200} layout in {@code out}. */
    public static void writeTinyImageNetTiny(Path out) throws IOException {
        int side = TinyImageNetReader.SIDE;
        Files.createDirectories(out);
        Files.writeString(out.resolve(TinyImageNetReader.WNIDS_FILE), String.join("\n", TINY_WNIDS) + "\n",
                StandardCharsets.UTF_8);
        for (int k = 0; k < TINY_WNIDS.size(); k++) {
            String wnid = TINY_WNIDS.get(k);
            Path images = Files.createDirectories(out.resolve("train").resolve(wnid).resolve("images"));
            StringBuilder boxes = new StringBuilder();
            for (int i = 0; i < TINY_TRAIN_PER_CLASS; i++) {
                String name = wnid + "_" + i + ".JPEG";
                boolean grey = name.equals(TINY_GREY_IMAGE);
                byte[] chw = tinyTrainImage(k, i);
                Files.write(images.resolve(name), jpeg(chw, side, grey));
                boxes.append(name).append('\t').append(box(chw, side)).append('\n');
            }
            Files.writeString(out.resolve("train").resolve(wnid).resolve(wnid + "_boxes.txt"), boxes.toString(),
                    StandardCharsets.UTF_8);
        }
        Path valImages = Files.createDirectories(out.resolve("val").resolve("images"));
        List<Integer> valClasses = tinyValClasses();
        StringBuilder annotations = new StringBuilder();
        for (int i = 0; i < valClasses.size(); i++) {
            String name = "val_" + i + ".JPEG";
            byte[] chw = tinyValImage(i);
            Files.write(valImages.resolve(name), jpeg(chw, side, false));
            annotations.append(name).append('\t').append(TINY_WNIDS.get(valClasses.get(i))).append('\t')
                    .append(box(chw, side)).append('\n');
        }
        Files.writeString(out.resolve(TinyImageNetReader.VAL_ANNOTATIONS), annotations.toString(),
                StandardCharsets.UTF_8);
    }

    /** The class of val image i (a seeded shuffle, TINY_VAL_PER_CLASS of each). */
    static List<Integer> tinyValClasses() {
        List<Integer> classes = new ArrayList<>();
        for (int k = 0; k < TINY_WNIDS.size(); k++) {
            for (int i = 0; i < TINY_VAL_PER_CLASS; i++) {
                classes.add(k);
            }
        }
        Collections.shuffle(classes, new Random(300));
        return classes;
    }

    /** The pixels (before JPEG) of training image i of class k; the grey one already grey. */
    static byte[] tinyTrainImage(int k, int i) {
        boolean grey = k == 0 && i == 7;
        return syntheticImage(k, TINY_WNIDS.size(), TinyImageNetReader.SIDE, new Random(400 + 1000L * k + i), grey);
    }

    /** The pixels (before JPEG) of val image i. */
    static byte[] tinyValImage(int i) {
        return syntheticImage(tinyValClasses().get(i), TINY_WNIDS.size(), TinyImageNetReader.SIDE,
                new Random(500 + i), false);
    }

    // ---- synthetic images ----

    /**
     * A 3×side×side image: a dark noisy background and a disc of random size and place in class k's
     * colour (hue k/K), ±10 noise per value. Grey: the three channels set to the luma, so a grey
     * JPEG holds what the image shows.
     */
    static byte[] syntheticImage(int k, int classes, int side, Random rng, boolean grey) {
        int plane = side * side;
        int[] colour = hueToRgb((double) k / classes);
        int background = 20 + rng.nextInt(60);
        double radius = side * (0.15 + 0.15 * rng.nextDouble());
        double cx = radius + rng.nextDouble() * (side - 2 * radius);
        double cy = radius + rng.nextDouble() * (side - 2 * radius);
        byte[] chw = new byte[3 * plane];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean inside = (x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy) <= radius * radius;
                for (int c = 0; c < 3; c++) {
                    int v = (inside ? colour[c] : background) + rng.nextInt(21) - 10;
                    chw[c * plane + y * side + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        if (grey) {
            for (int i = 0; i < plane; i++) {
                int luma = (int) Math.round(0.299 * (chw[i] & 0xff) + 0.587 * (chw[plane + i] & 0xff)
                        + 0.114 * (chw[2 * plane + i] & 0xff));
                chw[i] = chw[plane + i] = chw[2 * plane + i] = (byte) luma;
            }
        }
        return chw;
    }

    private static int[] hueToRgb(double hue) {
        double h = hue * 6;
        int sector = (int) Math.floor(h) % 6;
        double f = h - Math.floor(h);
        int hi = 230;
        int lo = 40;
        int up = (int) Math.round(lo + (hi - lo) * f);
        int down = (int) Math.round(hi - (hi - lo) * f);
        return switch (sector) {
            case 0 -> new int[] {hi, up, lo};
            case 1 -> new int[] {down, hi, lo};
            case 2 -> new int[] {lo, hi, up};
            case 3 -> new int[] {lo, down, hi};
            case 4 -> new int[] {up, lo, hi};
            default -> new int[] {hi, lo, down};
        };
    }

    /** "x0\ty0\tx1\ty1" around the pixels brighter than the background, as Tiny ImageNet's boxes. */
    private static String box(byte[] chw, int side) {
        int plane = side * side;
        int x0 = side;
        int y0 = side;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = y * side + x;
                int max = Math.max(chw[i] & 0xff, Math.max(chw[plane + i] & 0xff, chw[2 * plane + i] & 0xff));
                if (max > 120) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? "0\t0\t" + (side - 1) + "\t" + (side - 1) : x0 + "\t" + y0 + "\t" + x1 + "\t" + y1;
    }

    /** Baseline JPEG at quality {@value #JPEG_QUALITY}, RGB or 1-channel grey. */
    static byte[] jpeg(byte[] chw, int side, boolean grey) throws IOException {
        int plane = side * side;
        BufferedImage image = new BufferedImage(side, side, grey ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = y * side + x;
                if (grey) {
                    raster.setSample(x, y, 0, chw[i] & 0xff);
                } else {
                    for (int c = 0; c < 3; c++) {
                        raster.setSample(x, y, c, chw[c * plane + i] & 0xff);
                    }
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
