package dev.vsgdsuite.suite.data;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The official archive of a dataset the paper trains on: where its publisher serves it, the folder
 * it unpacks to, and the size and checksums it must have. Every value names where it comes from.
 *
 * <p>CIFAR-100: the suite reads the <em>binary</em> version ({@link Cifar100Reader}); the authors'
 * torchvision code downloads the python version ({@code cifar-100-python.tar.gz}, MD5
 * {@code eb9058c3a382ffc7106e4002c42a8d85} in torchvision's {@code datasets/cifar.py}) — the same
 * 60,000 images, pickled. Both come from the same page of the University of Toronto.
 *
 * <p>Tiny ImageNet: Stanford publishes no checksum for {@code tiny-imagenet-200.zip}. The MD5 below
 * is the one the open-source loaders check the archive against (ContinualAI Avalanche,
 * {@code avalanche/benchmarks/datasets/tiny_imagenet/tiny_imagenet.py}, MIT), and the size the one
 * their download logs show; a file that matches both is the archive those loaders accept.
 *
 * @param dataset    the dataset it holds
 * @param fileName   the archive's file name
 * @param url        where its publisher serves it
 * @param format     how it is packed
 * @param topFolder  the one folder it unpacks to, the layout {@link DatasetLocator} accepts
 * @param size       its size in bytes
 * @param sizeSource where that size is published
 * @param digests    the checksums it must have, each with its source
 */
public record DatasetArchive(DatasetId dataset, String fileName, URI url, Format format, String topFolder, long size,
                             String sizeSource, List<Digest> digests) {

    /** How an archive is packed. */
    public enum Format {
        TAR_GZ, ZIP
    }

    /**
     * A published checksum.
     *
     * @param algorithm a {@link java.security.MessageDigest} name: {@code MD5} or {@code SHA-256}
     * @param hex       the value, lower-case hex
     * @param source    where it is published
     */
    public record Digest(String algorithm, String hex, String source) {
        public Digest {
            hex = hex.toLowerCase(Locale.ROOT);
        }

        /**
         * A checksum given as {@code md5:HEX} or {@code sha256:HEX}.
         *
         * @throws IllegalArgumentException naming what is wrong with {@code spec}
         */
        public static Digest parse(String spec) {
            String[] parts = spec.strip().split(":", 2);
            String algorithm = switch (parts[0].toLowerCase(Locale.ROOT)) {
                case "md5" -> "MD5";
                case "sha256", "sha-256" -> "SHA-256";
                default -> null;
            };
            int length = "MD5".equals(algorithm) ? 32 : 64;
            if (algorithm == null || parts.length != 2 || !parts[1].matches("[0-9a-fA-F]{" + length + "}")) {
                throw new IllegalArgumentException("'" + spec + "' is not md5:HEX (32 hex digits) or sha256:HEX (64)");
            }
            return new Digest(algorithm, parts[1], "given on the command line");
        }

        /** "MD5 eb90…" as a user reads it. */
        @Override
        public String toString() {
            return algorithm + " " + hex;
        }
    }

    public static final DatasetArchive CIFAR100 = new DatasetArchive(DatasetId.CIFAR100, "cifar-100-binary.tar.gz",
            URI.create("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"), Format.TAR_GZ,
            Cifar100Reader.ARCHIVE_FOLDER, 168_513_733L,
            "TensorFlow Datasets, tensorflow_datasets/url_checksums/cifar100.txt",
            List.of(new Digest("MD5", "03b5dce01913d631647c71ecec9e9cb8",
                            "the CIFAR page of the University of Toronto, https://www.cs.toronto.edu/~kriz/cifar.html"),
                    new Digest("SHA-256", "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec",
                            "TensorFlow Datasets, tensorflow_datasets/url_checksums/cifar100.txt")));

    public static final DatasetArchive TINY_IMAGENET = new DatasetArchive(DatasetId.TINY_IMAGENET,
            "tiny-imagenet-200.zip", URI.create("http://cs231n.stanford.edu/tiny-imagenet-200.zip"), Format.ZIP,
            TinyImageNetReader.ARCHIVE_FOLDER, 248_100_043L,
            "the download logs of open-source loaders (Stanford publishes none)",
            List.of(new Digest("MD5", "90528d7ca1a48142e341f4ef8d21d0de",
                    "ContinualAI Avalanche, avalanche/benchmarks/datasets/tiny_imagenet/tiny_imagenet.py "
                            + "(Stanford publishes none)")));

    /** The datasets that can be fetched, in the order {@code data verify} reports them. */
    public static final List<DatasetArchive> ALL = List.of(CIFAR100, TINY_IMAGENET);

    public DatasetArchive {
        digests = List.copyOf(digests);
    }

    /** The archive of {@code dataset}, if it is one that can be fetched. */
    public static Optional<DatasetArchive> of(DatasetId dataset) {
        return ALL.stream().filter(a -> a.dataset() == dataset).findFirst();
    }

    /** The archive of the dataset called {@code name}; another name is an error listing the fetchable ones. */
    public static DatasetArchive named(String name) {
        DatasetId id;
        try {
            id = DatasetId.fromId(name);
        } catch (IllegalArgumentException e) {
            id = null;
        }
        DatasetId found = id;
        return ALL.stream().filter(a -> a.dataset() == found).findFirst().orElseThrow(() ->
                new IllegalArgumentException("'" + name + "' is not a dataset that can be fetched; choose one of "
                        + ALL.stream().map(a -> a.dataset().id()).toList()));
    }

    /** The command that fetches this dataset. */
    public String fetchCommand() {
        return "./vsgd-suite data fetch " + dataset.id();
    }
}
