package dev.vsgdsuite.suite.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Puts a dataset into {@code data/<name>/}: takes its official archive (downloaded from the
 * publisher's URL, from another URL, or a local copy), checks its size and checksums against the
 * published values, unpacks it into a temporary folder beside the target, checks the layout and
 * counts there, and only then renames it into place. Nothing half-unpacked is ever where the
 * readers look, and a dataset already fetched and verified is not fetched again.
 *
 * <p>The record of a fetch, {@value #RECORD}, sits in the dataset folder: which archive, from where,
 * which checksums it passed and when.
 */
public final class DatasetFetch {

    /** The file in {@code data/<name>/} recording what was fetched. */
    public static final String RECORD = ".fetched.json";
    static final String DOWNLOADS = ".downloads";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How a fetch ended. */
    public enum Status {
        /** The archive was checked, unpacked and moved into place. */
        FETCHED,
        /** The dataset was already there, verified; nothing was downloaded or unpacked. */
        ALREADY_PRESENT
    }

    /** What a fetch did, for the user: one status and a sentence. */
    public record Outcome(Status status, Path folder, String message) {}

    /**
     * What {@value #RECORD} holds.
     *
     * @param checkedAgainst {@code published} (the values of {@link DatasetArchive}) or {@code given} (--checksum)
     */
    public record FetchRecord(String dataset, String archive, String source, long bytes, Map<String, String> digests,
                              String checkedAgainst, String fetchedAt) {}

    private final Path dataRoot;
    private final PrintStream progress;

    /**
     * @param dataRoot the {@code data/} folder
     * @param progress where progress and warnings go (stderr on the command line)
     */
    public DatasetFetch(Path dataRoot, PrintStream progress) {
        this.dataRoot = dataRoot.toAbsolutePath().normalize();
        this.progress = progress;
    }

    /**
     * Fetches {@code archive}'s dataset.
     *
     * @param from     a local file or an http(s) URL holding the archive; null for the publisher's URL
     * @param given    a checksum to check instead of the published ones (a mirror's, a repacked archive's); or null
     * @param force    fetch even when a verified dataset is in place, and replace a folder that is not one
     * @throws DatasetFormatException for an archive that fails its checks, naming the file and the fix
     * @throws IOException            when the download or a file operation fails
     */
    public Outcome fetch(DatasetArchive archive, String from, DatasetArchive.Digest given, boolean force)
            throws IOException {
        Path target = dataRoot.resolve(archive.dataset().id());
        List<DatasetArchive.Digest> expected = given != null ? List.of(given) : archive.digests();
        if (!force && Files.exists(target)) {
            Outcome present = alreadyPresent(archive, target, expected);
            if (present != null) {
                return present;
            }
        }
        Files.createDirectories(dataRoot);
        Path downloaded = null;
        Path file;
        String source;
        if (from == null || isUrl(from)) {
            URI url = from == null ? archive.url() : URI.create(from);
            Path downloads = Files.createDirectories(dataRoot.resolve(DOWNLOADS));
            downloaded = downloads.resolve(archive.fileName() + ".part");
            file = downloaded;
            source = url.toString();
        } else {
            file = Path.of(from).toAbsolutePath().normalize();
            source = file.toString();
            if (!Files.isRegularFile(file)) {
                throw new DatasetFormatException(file, "does not exist or is not a file",
                        "give the path of the downloaded " + archive.fileName() + ", or an http(s) URL");
            }
        }
        Path unpacking = dataRoot.resolve("." + archive.dataset().id() + ".unpacking");
        try {
            if (downloaded != null) {
                ArchiveDownload.download(URI.create(source), downloaded, archive.size(), progress);
            }
            String fix = downloaded != null ? "run " + archive.fetchCommand() + " again (the download was deleted)"
                    : "download " + archive.url() + " again and pass the new file with --from";
            Map<String, String> digests = verify(archive, file, given, fix);
            deleteTree(unpacking);
            Files.createDirectories(unpacking);
            progress.println("unpacking " + file.getFileName() + " into " + unpacking);
            ArchiveUnpacker.unpack(file, archive.format(), unpacking, fix);
            DatasetCheck.Report report = DatasetCheck.check(archive, unpacking);
            if (report.status() == DatasetCheck.Status.MISSING) {
                throw new DatasetFormatException(file, "does not unpack to " + archive.topFolder() + "/ as the official "
                        + archive.fileName() + " does (" + report.problemLine() + ")", fix);
            }
            if (report.status() == DatasetCheck.Status.INCOMPLETE) {
                if (given == null) {
                    throw new DatasetFormatException(file, "passed its checksums but does not hold the official counts ("
                            + report.problemLine() + ")", fix);
                }
                progress.println("warning: " + file.getFileName() + " holds less than the official "
                        + archive.dataset().id() + " (" + report.problemLine() + "); `data verify` will report it");
            }
            FetchRecord record = new FetchRecord(archive.dataset().id(), archive.fileName(), source, Files.size(file),
                    digests, given == null ? "published" : "given", Instant.now().toString());
            JSON.writeValue(unpacking.resolve(RECORD).toFile(), record);
            moveIntoPlace(unpacking, target);
            return new Outcome(Status.FETCHED, target, String.format(Locale.ROOT,
                    "%s: fetched %s, %s; %s in %s", archive.dataset().id(), archive.fileName(), describe(record),
                    report.contents(), report.folder().toString().replace(unpacking.toString(), target.toString())));
        } finally {
            deleteTree(unpacking);
            if (downloaded != null) {
                Files.deleteIfExists(downloaded);
            }
        }
    }

    /** An outcome when {@code target} already holds the dataset and nothing needs doing; null to fetch. */
    private Outcome alreadyPresent(DatasetArchive archive, Path target, List<DatasetArchive.Digest> expected) {
        FetchRecord record = readRecord(target);
        DatasetCheck.Report report = DatasetCheck.check(archive, target);
        if (record != null) {
            boolean sameChecks = expected.stream().allMatch(d -> d.hex().equals(record.digests().get(d.algorithm())));
            if (sameChecks && report.status() != DatasetCheck.Status.MISSING) {
                return new Outcome(Status.ALREADY_PRESENT, target, archive.dataset().id() + ": already fetched ("
                        + describe(record) + ", " + record.fetchedAt() + "); nothing to do. --force fetches it again");
            }
            progress.println(target + " holds an earlier fetch that " + (sameChecks ? "lost files ("
                    + report.problemLine() + ")" : "was checked against other checksums") + ": fetching again");
            return null;
        }
        if (report.status() == DatasetCheck.Status.OK) {
            return new Outcome(Status.ALREADY_PRESENT, target, archive.dataset().id() + ": " + target
                    + " already holds the complete dataset (" + report.contents() + ", placed there by hand); nothing "
                    + "to do. --force replaces it with a verified fetch");
        }
        throw new DatasetFormatException(target, "exists but is not a complete " + archive.dataset().id() + " ("
                + report.problemLine() + ")", "move it away, or pass --force to replace it");
    }

    /**
     * Checks {@code file}'s size and checksums: against {@code given} alone when set, else against
     * the published size and every published checksum. Returns every checksum computed.
     */
    static Map<String, String> verify(DatasetArchive archive, Path file, DatasetArchive.Digest given, String fix)
            throws IOException {
        long size = Files.size(file);
        if (given == null && size != archive.size()) {
            String why = size < archive.size() ? "a truncated download or copy" : "not the official archive";
            throw new DatasetFormatException(file, String.format(Locale.ROOT,
                    "has %,d bytes where the official %s has %,d (%s): %s", size, archive.fileName(), archive.size(),
                    archive.sizeSource(), why), fix);
        }
        List<DatasetArchive.Digest> expected = given != null ? List.of(given) : archive.digests();
        Map<String, String> actual = digests(file, expected.stream().map(DatasetArchive.Digest::algorithm).toList());
        for (DatasetArchive.Digest d : expected) {
            String got = actual.get(d.algorithm());
            if (!got.equals(d.hex())) {
                String whose = given != null ? "the value given with --checksum" : "the published " + d.hex() + " ("
                        + d.source() + ")";
                throw new DatasetFormatException(file, String.format(Locale.ROOT,
                        "%s is %s, not %s: the file (%,d bytes) is corrupted or not %s", d.algorithm(), got,
                        given != null ? d.hex() + ", " + whose : whose, size, archive.fileName()), fix);
            }
        }
        return actual;
    }

    /** The checksums of {@code file} for each algorithm, in one pass. */
    static Map<String, String> digests(Path file, List<String> algorithms) throws IOException {
        List<MessageDigest> digests = new ArrayList<>();
        for (String a : algorithms) {
            try {
                digests.add(MessageDigest.getInstance(a));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalArgumentException("unknown checksum algorithm " + a + "; use MD5 or SHA-256", e);
            }
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (MessageDigest d : digests) {
                    d.update(buffer, 0, n);
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < digests.size(); i++) {
            out.put(algorithms.get(i), HexFormat.of().formatHex(digests.get(i).digest()));
        }
        return out;
    }

    /** {@code data/<name>/}'s fetch record, or null when there is none or it cannot be read. */
    public static FetchRecord readRecord(Path datasetFolder) {
        Path file = datasetFolder.resolve(RECORD);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            FetchRecord r = JSON.readValue(file.toFile(), FetchRecord.class);
            return r.digests() == null ? null : r;
        } catch (IOException e) {
            return null;
        }
    }

    /** "MD5 and SHA-256 match the published values" as the record says. */
    public static String describe(FetchRecord record) {
        return String.join(" and ", record.digests().keySet()) + " "
                + (record.digests().size() == 1 ? "matches" : "match") + " the "
                + ("published".equals(record.checkedAgainst()) ? "published value" : "value given with --checksum")
                + (record.digests().size() == 1 ? "" : "s");
    }

    /** Replaces {@code target} by {@code fresh}: the old folder is moved aside first and deleted last. */
    private void moveIntoPlace(Path fresh, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".replaced");
            deleteTree(old);
            move(target, old);
        }
        move(fresh, target);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isUrl(String from) {
        String lower = from.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder + " (" + e.getMessage() + "); delete it by hand", e);
        }
    }
}
