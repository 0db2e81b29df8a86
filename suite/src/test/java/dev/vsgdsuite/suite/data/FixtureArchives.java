package dev.vsgdsuite.suite.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Small archives in the official layouts, packed from the format fixtures ({@code fixtures/cifar100-tiny},
 * {@code fixtures/tiny-imagenet-tiny}), and damaged copies of them, for the fetch tests.
 */
public final class FixtureArchives {

    /** Every entry's modification time: fixed, so an archive built twice is byte-identical. */
    private static final long FIXED_TIME = 0L;

    private FixtureArchives() {}

    /** {@code cifar-100-binary/train.bin, test.bin} of the CIFAR fixture as a .tar.gz. */
    public static Path cifar(Path dir) throws IOException {
        return tarGz(ProjectPaths.fixtures().resolve("cifar100-tiny"), Cifar100Reader.ARCHIVE_FOLDER,
                dir.resolve("cifar-fixture.tar.gz"));
    }

    /** {@code tiny-imagenet-200/…} of the Tiny ImageNet fixture as a .zip. */
    public static Path tinyImageNet(Path dir) throws IOException {
        Path base = ProjectPaths.fixtures().resolve("tiny-imagenet-tiny");
        Path zip = dir.resolve("tiny-fixture.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path p : files(base.resolve(TinyImageNetReader.ARCHIVE_FOLDER))) {
                ZipEntry entry = new ZipEntry(base.relativize(p).toString().replace('\\', '/'));
                entry.setTime(FIXED_TIME);
                out.putNextEntry(entry);
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    /** The folder {@code base/top} as a .tar.gz whose entries start with {@code top/}. */
    public static Path tarGz(Path base, String top, Path archive) throws IOException {
        try (OutputStream raw = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(raw))) {
            for (Path p : files(base.resolve(top))) {
                TarArchiveEntry entry = new TarArchiveEntry(base.relativize(p).toString().replace('\\', '/'));
                entry.setSize(Files.size(p));
                entry.setModTime(FIXED_TIME);   // the same bytes, and so the same checksum, whenever it is built
                tar.putArchiveEntry(entry);
                Files.copy(p, tar);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    /** A .tar.gz holding one file under {@code name}, which may climb out of the folder (../). */
    public static Path tarGzWithEntry(Path archive, String name, byte[] content) throws IOException {
        try (OutputStream raw = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(raw))) {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(content.length);
            entry.setModTime(FIXED_TIME);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return archive;
    }

    /** A copy of {@code archive} cut to {@code fraction} of its length: an interrupted download. */
    public static Path truncated(Path archive, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        Path out = archive.resolveSibling("truncated-" + archive.getFileName());
        Files.write(out, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return out;
    }

    /** A copy of {@code archive} with one byte flipped in the middle: a corrupted download. */
    public static Path corrupted(Path archive) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x5a;
        Path out = archive.resolveSibling("corrupted-" + archive.getFileName());
        Files.write(out, bytes);
        return out;
    }

    /** The MD5 of {@code file} as {@code --checksum} takes it. */
    public static String md5(Path file) throws IOException {
        return "md5:" + DatasetFetch.digests(file, List.of("MD5")).get("MD5");
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
