package dev.vsgdsuite.suite.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a {@code .tar.gz} (commons-compress's tar reader over the JDK's gzip) or a {@code .zip}
 * (the JDK's reader) into a folder. Only plain files and folders are written, each inside the
 * folder (a name that climbs out of it, a link or a device is refused), and the archive may not
 * unpack to more than {@link #MAX_BYTES} bytes or {@link #MAX_ENTRIES} entries: the real archives
 * unpack to well under both, a damaged or hostile one fails instead of filling the disk.
 */
public final class ArchiveUnpacker {

    /** 4 GiB: CIFAR-100 binary unpacks to 185 MB, Tiny ImageNet to about 500 MB. */
    static final long MAX_BYTES = 4L << 30;
    /** Tiny ImageNet holds about 120,000 files and 400 folders. */
    static final int MAX_ENTRIES = 250_000;

    private ArchiveUnpacker() {}

    /**
     * Unpacks {@code archive} into {@code folder} (which must exist).
     *
     * @param fix what the user does when the archive turns out truncated or damaged
     * @throws DatasetFormatException naming the archive and the entry where it broke
     */
    public static void unpack(Path archive, DatasetArchive.Format format, Path folder, String fix) {
        Budget budget = new Budget(archive, fix);
        try {
            if (format == DatasetArchive.Format.ZIP) {
                unzip(archive, folder, budget);
            } else {
                untar(archive, folder, budget);
            }
        } catch (EOFException e) {
            throw new DatasetFormatException(archive, "is truncated: it ends inside " + budget.where(), fix, e);
        } catch (ZipException e) {
            throw new DatasetFormatException(archive, "is damaged or truncated (" + e.getMessage() + ", at "
                    + budget.where() + ")", fix, e);
        } catch (IOException e) {
            throw new DatasetFormatException(archive, "cannot be unpacked (" + e.getMessage() + ", at "
                    + budget.where() + ")", fix, e);
        }
    }

    private static void untar(Path archive, Path folder, Budget budget) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextTarEntry()) != null) {
                budget.enter(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(budget.target(folder, entry.getName()));
                } else if (entry.isFile()) {
                    write(tar, budget.target(folder, entry.getName()), budget);
                } else {
                    throw budget.refuse(entry.getName() + " is a link or a special file");
                }
            }
        }
    }

    private static void unzip(Path archive, Path folder, Budget budget) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                budget.enter(entry.getName());
                Path target = budget.target(folder, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        write(in, target, budget);
                    }
                }
            }
        }
    }

    private static void write(InputStream in, Path target, Budget budget) throws IOException {
        Files.createDirectories(target.getParent());
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                budget.add(n);
                out.write(buffer, 0, n);
            }
        }
    }

    /** Counts what has been unpacked and checks each entry's name; knows the entry being read. */
    private static final class Budget {
        private final Path archive;
        private final String fix;
        private long bytes;
        private int entries;
        private String current;

        Budget(Path archive, String fix) {
            this.archive = archive;
            this.fix = fix;
        }

        void enter(String name) {
            current = name;
            if (++entries > MAX_ENTRIES) {
                throw refuse("it holds more than " + MAX_ENTRIES + " entries");
            }
        }

        void add(int n) {
            bytes += n;
            if (bytes > MAX_BYTES) {
                throw refuse("it unpacks to more than " + (MAX_BYTES >> 30) + " GiB");
            }
        }

        /** Where {@code name} goes under {@code folder}; a name that would land outside it is refused. */
        Path target(Path folder, String name) {
            Path target = folder.resolve(name).normalize();
            if (name.startsWith("/") || !target.startsWith(folder)) {
                throw refuse("entry '" + name + "' would be written outside the folder it unpacks to");
            }
            return target;
        }

        String where() {
            return current == null ? "its first entry" : "entry " + current + " (entry " + entries + ")";
        }

        DatasetFormatException refuse(String why) {
            return new DatasetFormatException(archive, "is not an archive this command unpacks: " + why, fix);
        }
    }
}
