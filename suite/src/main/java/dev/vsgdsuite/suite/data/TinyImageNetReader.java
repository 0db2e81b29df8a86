package dev.vsgdsuite.suite.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads Tiny ImageNet-200 in the layout of the official {@code tiny-imagenet-200.zip}:
 * {@code wnids.txt} (one WordNet id per line; the class index is the line order),
 * {@code train/<wnid>/images/*.JPEG}, and {@code val/images/*.JPEG} labelled by
 * {@code val/val_annotations.txt} (tab-separated: file, wnid, four box coordinates). The paper uses
 * val as its test set, since the official test set has no labels.
 *
 * <p>Images become 3×64×64 RGB: grey JPEGs (the real set has some) are expanded to three equal
 * channels from their raw samples (not through Java's colour conversion, which would change their
 * values); an image of another size is resized bilinearly. Files are read in sorted order and
 * decoded in parallel into their sorted slot, so the result is the same on every run; a set of
 * 100,000 images needs about 1.2 GB of heap. The class count comes from {@code wnids.txt} (200 in
 * the real set, fewer in the fixture).
 */
public final class TinyImageNetReader {

    public static final String ARCHIVE_FOLDER = "tiny-imagenet-200";
    public static final String WNIDS_FILE = "wnids.txt";
    public static final String VAL_ANNOTATIONS = "val/val_annotations.txt";
    public static final int SIDE = 64;
    /** The largest image side decoded (before resizing to {@link #SIDE}). */
    static final int MAX_SIDE = 2048;

    private static final String FIX = "unzip the official tiny-imagenet-200.zip (Stanford CS231n) again, completely";

    private TinyImageNetReader() {}

    /** The class ids of {@code folder/wnids.txt}, in class-index order. */
    public static List<String> readWnids(Path folder) {
        Path file = folder.resolve(WNIDS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file, "missing: it defines the classes (one wnid per line) and without "
                    + "it no label can be assigned", FIX);
        }
        List<String> wnids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : readLines(file)) {
            String wnid = line.trim();
            if (wnid.isEmpty()) {
                continue;
            }
            if (!seen.add(wnid)) {
                throw new DatasetFormatException(file, "lists " + wnid + " twice", FIX);
            }
            wnids.add(wnid);
        }
        if (wnids.isEmpty()) {
            throw new DatasetFormatException(file, "lists no classes", FIX);
        }
        return wnids;
    }

    /** The training split: for each class in wnids order, its images in file-name order. */
    public static ImageSet readTrain(Path folder, String name) {
        List<String> wnids = readWnids(folder);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < wnids.size(); k++) {
            Path dir = folder.resolve("train").resolve(wnids.get(k)).resolve("images");
            List<Path> images = listJpegs(dir);
            if (images.isEmpty()) {
                throw new DatasetFormatException(dir, "has no .JPEG images for class " + k + " (" + wnids.get(k)
                        + " in " + WNIDS_FILE + ")", FIX);
            }
            files.addAll(images);
            for (int i = 0; i < images.size(); i++) {
                labels.add(k);
            }
        }
        return decodeAll(name, folder.resolve("train"), wnids, files, labels);
    }

    /** The validation split (the paper's test set), in file-name order, labelled by val_annotations.txt. */
    public static ImageSet readVal(Path folder, String name) {
        List<String> wnids = readWnids(folder);
        Map<String, Integer> classOf = new HashMap<>();
        for (int k = 0; k < wnids.size(); k++) {
            classOf.put(wnids.get(k), k);
        }
        Path annotations = folder.resolve(VAL_ANNOTATIONS);
        if (!Files.isRegularFile(annotations)) {
            throw new DatasetFormatException(annotations, "missing: it holds the labels of val/images", FIX);
        }
        Map<String, Integer> labelOfFile = new TreeMap<>();
        List<String> lines = readLines(annotations);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length < 2) {
                throw new DatasetFormatException(annotations, "line " + (n + 1) + " is not 'file<TAB>wnid<TAB>box': "
                        + line, FIX);
            }
            Integer label = classOf.get(fields[1].trim());
            if (label == null) {
                throw new DatasetFormatException(annotations, "line " + (n + 1) + " labels " + fields[0] + " with "
                        + fields[1] + ", which is not in " + WNIDS_FILE + ": a label outside the class range 0.."
                        + (wnids.size() - 1), "use the val/ folder and wnids.txt of the same tiny-imagenet-200 "
                        + "archive; " + FIX);
            }
            labelOfFile.put(fields[0].trim(), label);
        }
        Path imagesDir = folder.resolve("val").resolve("images");
        List<Path> files = listJpegs(imagesDir);
        List<Integer> labels = new ArrayList<>();
        for (Path f : files) {
            Integer label = labelOfFile.remove(f.getFileName().toString());
            if (label == null) {
                throw new DatasetFormatException(f, "has no line in " + annotations, FIX);
            }
            labels.add(label);
        }
        if (!labelOfFile.isEmpty()) {
            String first = labelOfFile.keySet().iterator().next();
            // the name as text: a listed name need not be a valid path (NUL, odd characters)
            throw new DatasetFormatException(imagesDir, "lacks " + first + ", listed in " + annotations + " ("
                    + labelOfFile.size() + " listed images missing)", FIX);
        }
        return decodeAll(name, imagesDir, wnids, files, labels);
    }

    private static ImageSet decodeAll(String name, Path source, List<String> wnids, List<Path> files,
                                      List<Integer> labelList) {
        byte[][] images = new byte[files.size()][];
        DatasetFormatException[] errors = new DatasetFormatException[files.size()];
        // Parallel decoding writes each image to its own slot, so the order is the sorted file order.
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                images[i] = decodeRgb(files.get(i));
            } catch (DatasetFormatException e) {
                errors[i] = e;
            }
        });
        for (DatasetFormatException e : errors) {
            if (e != null) {
                throw e; // the first bad file in sorted order, whatever the thread timing
            }
        }
        int[] labels = labelList.stream().mapToInt(Integer::intValue).toArray();
        return new ImageSet(name, source, 3, SIDE, SIDE, wnids.size(), wnids, images, labels);
    }

    /** One JPEG as 3×64×64 bytes, channel-major RGB. */
    public static byte[] decodeRgb(Path file) {
        BufferedImage image = decode(file);
        int bands = image.getRaster().getNumBands();
        if (image.getWidth() != SIDE || image.getHeight() != SIDE) {
            image = resize(image, bands == 1);
            bands = image.getRaster().getNumBands();
        }
        int plane = SIDE * SIDE;
        byte[] chw = new byte[3 * plane];
        if (bands == 1) {
            Raster raster = image.getRaster();
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    byte v = (byte) raster.getSample(x, y, 0);
                    int at = y * SIDE + x;
                    chw[at] = v;
                    chw[plane + at] = v;
                    chw[2 * plane + at] = v;
                }
            }
        } else {
            int[] argb = image.getRGB(0, 0, SIDE, SIDE, null, 0, SIDE);
            for (int at = 0; at < plane; at++) {
                chw[at] = (byte) (argb[at] >> 16);
                chw[plane + at] = (byte) (argb[at] >> 8);
                chw[2 * plane + at] = (byte) argb[at];
            }
        }
        return chw;
    }

    /**
     * The image in {@code file}, decoded as {@code ImageIO.read} does, after its header has shown a
     * size of at most {@value #MAX_SIDE} pixels a side: a damaged header may claim a size whose raster
     * would not fit in memory.
     */
    private static BufferedImage decode(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DatasetFormatException(file, "is not an image format Java can decode (not a JPEG?)", FIX);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
                    throw new DatasetFormatException(file, "claims " + width + "x" + height + " pixels; this reader "
                            + "decodes images of 1 to " + MAX_SIDE + " pixels a side (Tiny ImageNet's are " + SIDE + "x"
                            + SIDE + ")", FIX);
                }
                BufferedImage image = reader.read(0, reader.getDefaultReadParam());
                if (image == null) {
                    throw new DatasetFormatException(file, "holds no image", FIX);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetFormatException d) {
                throw d;
            }
            throw new DatasetFormatException(file, "cannot be decoded as an image (" + e.getMessage() + ")", FIX, e);
        }
    }

    private static BufferedImage resize(BufferedImage source, boolean grey) {
        BufferedImage target = new BufferedImage(SIDE, SIDE, grey ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, SIDE, SIDE, null);
        g.dispose();
        return target;
    }

    private static List<Path> listJpegs(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetFormatException(dir, "missing (expected a folder of .JPEG images)", FIX);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (n.endsWith(".jpeg") || n.endsWith(".jpg"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new DatasetFormatException(dir, "cannot be listed (" + e + ")", "check that it is readable", e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetFormatException(file, "cannot be read (" + e + ")", FIX, e);
        }
    }
}
