package dev.vsgdsuite.suite.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a dataset folder ({@code data/<name>/}) holds the whole dataset: its files present, and
 * the counts of the official set — records and images per class and split. Cheap enough to run
 * before a long GPU job: CIFAR-100's labels are streamed, Tiny ImageNet's files are counted, not
 * decoded (the readers check every image when a run loads them).
 */
public final class DatasetCheck {

    /** What the folder holds. */
    public enum Status {
        /** Present with the official counts. */
        OK,
        /** Present, but a file is missing or a count differs from the official set. */
        INCOMPLETE,
        /** Not there: no folder, or none of the dataset's files in it. */
        MISSING
    }

    /**
     * The counts of a complete set: classes, and images (or records) per class in the training and
     * the test split.
     */
    public record Expected(int classes, int trainPerClass, int testPerClass) {
        /** CIFAR-100: 100 classes, 500 training and 100 test images each (the CIFAR page). */
        public static final Expected CIFAR100 = new Expected(100, 500, 100);
        /** Tiny ImageNet-200: 200 classes, 500 training and 50 validation images each. */
        public static final Expected TINY_IMAGENET = new Expected(200, 500, 50);

        static Expected of(DatasetId dataset) {
            return dataset == DatasetId.CIFAR100 ? CIFAR100 : TINY_IMAGENET;
        }
    }

    /**
     * The outcome for one dataset.
     *
     * @param folder   the folder the readers would read (inside {@code data/<name>/}), or the folder looked at
     * @param contents what was counted, for the user
     * @param problems what is missing or wrong, one sentence each
     */
    public record Report(DatasetArchive archive, Status status, Path folder, String contents, List<String> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        /** The problems as one line: the first three, and how many more. */
        public String problemLine() {
            List<String> shown = problems.subList(0, Math.min(3, problems.size()));
            return String.join("; ", shown) + (problems.size() > 3 ? "; and " + (problems.size() - 3) + " more" : "");
        }
    }

    private DatasetCheck() {}

    /** Checks {@code datasetFolder} (e.g. {@code data/cifar100}) against the official counts. */
    public static Report check(DatasetArchive archive, Path datasetFolder) {
        return check(archive, datasetFolder, Expected.of(archive.dataset()));
    }

    /** As {@link #check(DatasetArchive, Path)}, against other counts (a format fixture's, in tests). */
    static Report check(DatasetArchive archive, Path datasetFolder, Expected expected) {
        if (!Files.isDirectory(datasetFolder)) {
            return new Report(archive, Status.MISSING, datasetFolder, "", List.of(datasetFolder + " does not exist"));
        }
        Path top = datasetFolder.resolve(archive.topFolder());
        Path folder = Files.isDirectory(top) ? top : datasetFolder;
        return archive.dataset() == DatasetId.CIFAR100 ? cifar(archive, folder, expected)
                : tinyImageNet(archive, folder, expected);
    }

    private static Report cifar(DatasetArchive archive, Path folder, Expected expected) {
        Path train = folder.resolve(Cifar100Reader.TRAIN_FILE);
        Path test = folder.resolve(Cifar100Reader.TEST_FILE);
        if (!Files.exists(train) && !Files.exists(test)) {
            return new Report(archive, Status.MISSING, folder, "", List.of("no " + archive.topFolder() + "/"
                    + Cifar100Reader.TRAIN_FILE + " or " + Cifar100Reader.TEST_FILE + " in " + folder.getParent()));
        }
        List<String> problems = new ArrayList<>();
        String trainCounts = cifarSplit(train, expected.classes(), expected.trainPerClass(), problems);
        String testCounts = cifarSplit(test, expected.classes(), expected.testPerClass(), problems);
        return report(archive, folder, "train " + trainCounts + ", test " + testCounts, problems);
    }

    /** Counts one binary file's records per fine label; adds what differs from {@code perClass} each. */
    private static String cifarSplit(Path file, int classes, int perClass, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file.getFileName() + " is missing");
            return "missing";
        }
        long size;
        int[] perLabel = new int[256];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            size = Files.size(file);
            byte[] record = new byte[Cifar100Reader.RECORD_BYTES];
            while (in.readNBytes(record, 0, record.length) == record.length) {
                perLabel[record[1] & 0xff]++;
            }
        } catch (IOException e) {
            problems.add(file.getFileName() + " cannot be read (" + e.getMessage() + ")");
            return "unreadable";
        }
        long records = size / Cifar100Reader.RECORD_BYTES;
        long expectedRecords = (long) classes * perClass;
        if (size % Cifar100Reader.RECORD_BYTES != 0) {
            problems.add(file.getFileName() + " has " + size + " bytes, not a whole number of "
                    + Cifar100Reader.RECORD_BYTES + "-byte records (truncated)");
        }
        if (records != expectedRecords) {
            problems.add(String.format(Locale.ROOT, "%s has %,d records, the official set %,d", file.getFileName(),
                    records, expectedRecords));
        } else {
            for (int label = 0; label < perLabel.length; label++) {
                int want = label < classes ? perClass : 0;
                if (perLabel[label] != want) {
                    problems.add(String.format(Locale.ROOT, "%s has %,d records of fine label %d, the official set %,d",
                            file.getFileName(), perLabel[label], label, want));
                }
            }
        }
        return String.format(Locale.ROOT, "%,d records", records);
    }

    private static Report tinyImageNet(DatasetArchive archive, Path folder, Expected expected) {
        Path wnidsFile = folder.resolve(TinyImageNetReader.WNIDS_FILE);
        if (!Files.exists(wnidsFile) && !Files.isDirectory(folder.resolve("train"))) {
            return new Report(archive, Status.MISSING, folder, "", List.of("no " + archive.topFolder() + "/"
                    + TinyImageNetReader.WNIDS_FILE + " or train/ in " + folder.getParent()));
        }
        List<String> problems = new ArrayList<>();
        List<String> wnids = lines(wnidsFile, problems);
        if (wnids.size() != expected.classes() && Files.exists(wnidsFile)) {
            problems.add(TinyImageNetReader.WNIDS_FILE + " lists " + wnids.size() + " classes, the official set "
                    + expected.classes());
        }
        int trainImages = 0;
        for (String wnid : wnids) {
            Path images = folder.resolve("train").resolve(wnid).resolve("images");
            int n = countJpegs(images);
            trainImages += Math.max(n, 0);
            if (n != expected.trainPerClass()) {
                problems.add("train/" + wnid + "/images " + (n < 0 ? "is missing" : "has " + n + " images")
                        + ", the official set " + expected.trainPerClass());
            }
        }
        Path valImages = folder.resolve("val").resolve("images");
        int val = countJpegs(valImages);
        int expectedVal = expected.classes() * expected.testPerClass();
        if (val != expectedVal) {
            problems.add("val/images " + (val < 0 ? "is missing" : "has " + val + " images") + ", the official set "
                    + expectedVal);
        }
        checkAnnotations(folder, valImages, new HashSet<>(wnids), expectedVal, problems);
        String contents = String.format(Locale.ROOT, "%d classes, train %,d images, val %,d", wnids.size(),
                trainImages, Math.max(val, 0));
        return report(archive, folder, contents, problems);
    }

    /** Every annotation names an image that is there and a class of wnids.txt; one per image. */
    private static void checkAnnotations(Path folder, Path valImages, Set<String> wnids, int expectedVal,
                                         List<String> problems) {
        Path annotations = folder.resolve(TinyImageNetReader.VAL_ANNOTATIONS);
        List<String> lines = lines(annotations, problems).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return;
        }
        int missing = 0;
        int unknown = 0;
        for (String line : lines) {
            String[] fields = line.split("\t");
            if (fields.length < 2 || !wnids.contains(fields[1].trim())) {
                unknown++;
            } else if (!Files.isRegularFile(valImages.resolve(fields[0].trim()))) {
                missing++;
            }
        }
        if (lines.size() != expectedVal) {
            problems.add(TinyImageNetReader.VAL_ANNOTATIONS + " has " + lines.size() + " lines, the official set "
                    + expectedVal);
        }
        if (unknown > 0) {
            problems.add(TinyImageNetReader.VAL_ANNOTATIONS + ": " + unknown + " lines name no class of "
                    + TinyImageNetReader.WNIDS_FILE);
        }
        if (missing > 0) {
            problems.add(TinyImageNetReader.VAL_ANNOTATIONS + ": " + missing + " lines name an image not in val/images");
        }
    }

    private static Report report(DatasetArchive archive, Path folder, String contents, List<String> problems) {
        return new Report(archive, problems.isEmpty() ? Status.OK : Status.INCOMPLETE, folder, contents, problems);
    }

    /** The .JPEG files in {@code dir}, or −1 when it is not a folder. */
    private static int countJpegs(Path dir) {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jpeg") || n.endsWith(".jpg");   // as TinyImageNetReader lists them
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static List<String> lines(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(folderRelative(file) + " is missing");
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            problems.add(folderRelative(file) + " cannot be read (" + e.getMessage() + ")");
            return List.of();
        }
    }

    private static String folderRelative(Path file) {
        Path parent = file.getParent();
        return parent != null && parent.getFileName().toString().equals("val") ? "val/" + file.getFileName()
                : file.getFileName().toString();
    }
}
