package dev.vsgdsuite.suite.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.runtime.SuiteSwitches;

/**
 * Finds the folder that holds a dataset. Order: the folder the caller names (a config key), else
 * the system property {@code suite.data.<name>}; when either is given it is the only place tried,
 * so a typo in it fails loudly instead of silently falling back to other data. Otherwise
 * {@code <root>/data/<name>/}, and for Fashion-MNIST also Debian's
 * {@code /usr/share/datasets/fashion-mnist} (package {@code dataset-fashion-mnist}); the shipped
 * subset lives in {@code <root>/fixtures/fashion-mnist-subset/}.
 *
 * <p>The archives unpack into a folder of their own, so both layouts are accepted:
 * {@code data/cifar100/} holding {@code cifar-100-binary/} or holding {@code train.bin} directly,
 * and {@code data/tiny_imagenet/} holding {@code tiny-imagenet-200/} or its contents. The folder
 * returned is the one the reader wants (the one with {@code train.bin}, or with {@code wnids.txt}).
 * Only the presence of the layout is checked here; the readers check the contents and say what is
 * wrong with a file, which is a more useful message than "not found".
 */
public final class DatasetLocator {

    /** {@code -Dsuite.data.<dataset>=/folder} points the suite at a dataset. */
    public static final String PROPERTY_PREFIX = SuiteSwitches.DATA.name().replace("*", "");
    /** Where Debian's {@code dataset-fashion-mnist} package installs the four IDX files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    /** The shipped Fashion-MNIST subset, relative to the project root. */
    public static final String FASHION_SUBSET_FIXTURE = "fixtures/fashion-mnist-subset";

    private final Supplier<Path> projectRoot;
    private final Path debianFashionMnist;

    /** A locator for the project at {@code projectRoot} (its {@code data/} and {@code fixtures/}). */
    public DatasetLocator(Path projectRoot) {
        this(projectRoot, DEBIAN_FASHION_MNIST);
    }

    /** For tests: a locator whose Debian Fashion-MNIST folder is {@code debianFashionMnist} (null: none). */
    DatasetLocator(Path projectRoot, Path debianFashionMnist) {
        this(() -> projectRoot, debianFashionMnist);
    }

    private DatasetLocator(Supplier<Path> projectRoot, Path debianFashionMnist) {
        this.projectRoot = () -> projectRoot.get().toAbsolutePath().normalize();
        this.debianFashionMnist = debianFashionMnist;
    }

    /**
     * A locator for this checkout ({@link ProjectPaths#root()}, looked up only when a default
     * place is needed, so an explicit folder works from anywhere).
     */
    public static DatasetLocator forProject() {
        return new DatasetLocator(ProjectPaths::root, DEBIAN_FASHION_MNIST);
    }

    /**
     * The folder holding {@code dataset}'s files.
     *
     * @param explicitFolder a folder named by the caller (a config key), or null
     * @throws DatasetNotFoundException listing every place looked and how to get the data
     */
    public Path locate(DatasetId dataset, Path explicitFolder) {
        Map<Path, String> rejected = new LinkedHashMap<>();
        for (Path candidate : candidates(dataset, explicitFolder)) {
            String problem = layoutProblem(dataset, candidate);
            if (problem == null) {
                return resolveLayout(dataset, candidate);
            }
            rejected.put(candidate, problem);
        }
        StringBuilder msg = new StringBuilder("Dataset ").append(dataset.id()).append(" not found. Looked in:");
        rejected.forEach((path, why) -> msg.append("\n  - ").append(path).append(" (").append(why).append(')'));
        msg.append("\nTo get it: ").append(dataset.howToObtain()).append('.');
        msg.append("\nOr point the suite at a folder that holds it: the config's data folder, or -D")
                .append(PROPERTY_PREFIX).append(dataset.id()).append("=/path/to/folder.");
        throw new DatasetNotFoundException(msg.toString(), new ArrayList<>(rejected.keySet()));
    }

    /** The places tried, in order. */
    public List<Path> candidates(DatasetId dataset, Path explicitFolder) {
        if (explicitFolder != null) {
            return List.of(absolute(explicitFolder));
        }
        String property = System.getProperty(PROPERTY_PREFIX + dataset.id());
        if (property != null && !property.isBlank()) {
            return List.of(absolute(Path.of(property.trim())));
        }
        Path root = projectRoot.get();
        List<Path> places = new ArrayList<>();
        if (dataset == DatasetId.FASHION_MNIST_SUBSET) {
            places.add(root.resolve(FASHION_SUBSET_FIXTURE));
            return places;
        }
        places.add(root.resolve("data").resolve(dataset.id()));
        if (dataset == DatasetId.FASHION_MNIST && debianFashionMnist != null) {
            places.add(debianFashionMnist);
        }
        return places;
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Why {@code folder} does not hold the dataset's layout, or null when it does. */
    private static String layoutProblem(DatasetId dataset, Path folder) {
        if (!Files.exists(folder)) {
            return "does not exist";
        }
        if (!Files.isDirectory(folder)) {
            return "is not a folder";
        }
        switch (dataset) {
            case CIFAR100:
                return Files.isDirectory(folder.resolve(Cifar100Reader.ARCHIVE_FOLDER))
                        || Files.exists(folder.resolve(Cifar100Reader.TRAIN_FILE))
                        || Files.exists(folder.resolve(Cifar100Reader.TEST_FILE))
                        ? null : "no " + Cifar100Reader.ARCHIVE_FOLDER + "/ and no " + Cifar100Reader.TRAIN_FILE;
            case TINY_IMAGENET:
                return Files.isDirectory(folder.resolve(TinyImageNetReader.ARCHIVE_FOLDER))
                        || Files.exists(folder.resolve(TinyImageNetReader.WNIDS_FILE))
                        || Files.isDirectory(folder.resolve("train"))
                        ? null : "no " + TinyImageNetReader.ARCHIVE_FOLDER + "/, no " + TinyImageNetReader.WNIDS_FILE
                        + " and no train/";
            default:
                List<String> missing = new ArrayList<>();
                for (String base : IdxReader.STANDARD_FILES) {
                    if (IdxReader.find(folder, base) == null) {
                        missing.add(base + "(.gz)");
                    }
                }
                return missing.isEmpty() ? null : "missing " + String.join(", ", missing);
        }
    }

    private static Path resolveLayout(DatasetId dataset, Path folder) {
        if (dataset == DatasetId.CIFAR100 && Files.isDirectory(folder.resolve(Cifar100Reader.ARCHIVE_FOLDER))) {
            return folder.resolve(Cifar100Reader.ARCHIVE_FOLDER);
        }
        if (dataset == DatasetId.TINY_IMAGENET && Files.isDirectory(folder.resolve(TinyImageNetReader.ARCHIVE_FOLDER))) {
            return folder.resolve(TinyImageNetReader.ARCHIVE_FOLDER);
        }
        return folder;
    }
}
