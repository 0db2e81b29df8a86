package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data fetch} on archives packed from the format fixtures: a good one unpacks into the
 * readers' layout, and a wrong checksum, a truncated or corrupted archive or a wrong layout stops
 * with the file named and nothing left half-unpacked where the readers look. No test needs the
 * network: downloads are served from the loopback address.
 */
class DatasetFetchTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(progressBytes, true, StandardCharsets.UTF_8);

    private DatasetFetch fetcher() {
        return new DatasetFetch(tmp.resolve("data"), progress);
    }

    private DatasetArchive.Digest md5(Path file) throws IOException {
        return DatasetArchive.Digest.parse(FixtureArchives.md5(file));
    }

    @Test
    void aGoodArchiveUnpacksIntoTheLayoutTheReaderReads() throws IOException {
        Path archive = FixtureArchives.cifar(tmp);

        DatasetFetch.Outcome outcome = fetcher().fetch(DatasetArchive.CIFAR100, archive.toString(), md5(archive), false);

        assertThat(outcome.status()).isEqualTo(DatasetFetch.Status.FETCHED);
        Path folder = tmp.resolve("data/cifar100");
        assertThat(folder.resolve("cifar-100-binary/train.bin")).hasSameBinaryContentAs(
                ProjectPaths.fixtures().resolve("cifar100-tiny/cifar-100-binary/train.bin"));
        DataModule data = Datasets.load(DatasetId.CIFAR100, folder, new DatasetLocator(tmp));
        assertThat(data.test().size()).isEqualTo(50);
        DatasetFetch.FetchRecord record = DatasetFetch.readRecord(folder);
        assertThat(record.checkedAgainst()).isEqualTo("given");
        assertThat(record.digests()).containsEntry("MD5", md5(archive).hex());
        assertThat(outcome.message()).contains("MD5 matches the value given with --checksum");
        assertThat(progressBytes.toString(StandardCharsets.UTF_8))
                .contains("warning: cifar-fixture.tar.gz holds less than the official cifar100")
                .contains("train.bin has 200 records, the official set 50,000");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aVerifiedDatasetIsNotFetchedAgain() throws IOException {
        Path archive = FixtureArchives.cifar(tmp);
        DatasetArchive.Digest md5 = md5(archive);
        fetcher().fetch(DatasetArchive.CIFAR100, archive.toString(), md5, false);
        Files.delete(archive);   // a second fetch must not even look at it

        DatasetFetch.Outcome again = fetcher().fetch(DatasetArchive.CIFAR100, archive.toString(), md5, false);

        assertThat(again.status()).isEqualTo(DatasetFetch.Status.ALREADY_PRESENT);
        assertThat(again.message()).contains("already fetched").contains("--force");
    }

    @Test
    void theFixtureFailsThePublishedSizeAsATruncatedDownload() throws IOException {
        Path archive = FixtureArchives.cifar(tmp);

        assertThatThrownBy(() -> fetcher().fetch(DatasetArchive.CIFAR100, archive.toString(), null, false))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(archive + ": has ")
                .hasMessageContaining("where the official cifar-100-binary.tar.gz has 168,513,733")
                .hasMessageContaining("a truncated download or copy")
                .hasMessageContaining("Fix: download https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz again");
        assertThat(tmp.resolve("data/cifar100")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aCorruptedArchiveFailsItsChecksumNamingTheFile() throws IOException {
        Path archive = FixtureArchives.cifar(tmp);
        Path corrupted = FixtureArchives.corrupted(archive);

        assertThatThrownBy(() -> fetcher().fetch(DatasetArchive.CIFAR100, corrupted.toString(), md5(archive), false))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(corrupted + ": MD5 is ")
                .hasMessageContaining("not " + md5(archive).hex())
                .hasMessageContaining("is corrupted or not cifar-100-binary.tar.gz");
        assertThat(tmp.resolve("data/cifar100")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aTruncatedTarGzThatPassesAGivenChecksumStillFailsToUnpackAndLeavesNothing() throws IOException {
        Path truncated = FixtureArchives.truncated(FixtureArchives.cifar(tmp), 0.6);

        assertThatThrownBy(() -> fetcher().fetch(DatasetArchive.CIFAR100, truncated.toString(), md5(truncated), false))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(truncated + ": is truncated: it ends inside entry cifar-100-binary/");
        assertThat(tmp.resolve("data/cifar100")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aTruncatedZipFailsToUnpack() throws IOException {
        Path truncated = FixtureArchives.truncated(FixtureArchives.tinyImageNet(tmp), 0.7);

        assertThatThrownBy(() -> fetcher().fetch(DatasetArchive.TINY_IMAGENET, truncated.toString(), md5(truncated),
                false))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(truncated + ": is damaged or truncated");
        assertThat(tmp.resolve("data/tiny_imagenet")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void tinyImageNetUnpacksIntoTheReadersLayout() throws IOException {
        Path zip = FixtureArchives.tinyImageNet(tmp);

        fetcher().fetch(DatasetArchive.TINY_IMAGENET, zip.toString(), md5(zip), false);

        Path folder = tmp.resolve("data/tiny_imagenet/tiny-imagenet-200");
        assertThat(TinyImageNetReader.readWnids(folder)).hasSize(4);
        assertThat(TinyImageNetReader.readVal(folder, "val").size()).isEqualTo(16);
    }

    @Test
    void aFailedReplacementKeepsTheDatasetThatWasThere() throws IOException {
        Path archive = FixtureArchives.cifar(tmp);
        fetcher().fetch(DatasetArchive.CIFAR100, archive.toString(), md5(archive), false);
        Path corrupted = FixtureArchives.corrupted(archive);

        assertThatThrownBy(() -> fetcher().fetch(DatasetArchive.CIFAR100, corrupted.toString(), md5(archive), true))
                .isInstanceOf(DatasetFormatException.class);

        assertThat(DatasetFetch.readRecord(tmp.resolve("data/cifar100"))).isNotNull();
        assertThat(tmp.resolve("data/cifar100/cifar-100-binary/test.bin")).exists();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anArchiveOfAnotherLayoutIsRefused() throws IOException {
        Path base = tmp.resolve("python");
        Files.createDirectories(base.resolve("cifar-100-python"));
        Files.writeString(base.resolve("cifar-100-python/train"), "pickled");
        Path archive = FixtureArchives.tarGz(base, "cifar-100-python", tmp.resolve("cifar-100-python.tar.gz"));

        assertThatThrownBy(() -> fetcher().fetch(DatasetArchive.CIFAR100, archive.toString(), md5(archive), false))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("does not unpack to cifar-100-binary/ as the official cifar-100-binary.tar.gz does");
        assertThat(tmp.resolve("data/cifar100")).doesNotExist();
    }

    @Test
    void anEntryThatClimbsOutOfTheFolderIsRefused() throws IOException {
        Path archive = FixtureArchives.tarGzWithEntry(tmp.resolve("evil.tar.gz"), "../../escaped.txt",
                "x".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> fetcher().fetch(DatasetArchive.CIFAR100, archive.toString(), md5(archive), false))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("would be written outside the folder it unpacks to");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
        assertThat(tmp.resolve("data/escaped.txt")).doesNotExist();
    }

    @Test
    void aFolderThatIsNotTheDatasetIsNotReplacedWithoutForce() throws IOException {
        Files.createDirectories(tmp.resolve("data/cifar100"));
        Files.writeString(tmp.resolve("data/cifar100/notes.txt"), "mine");
        Path archive = FixtureArchives.cifar(tmp);

        assertThatThrownBy(() -> fetcher().fetch(DatasetArchive.CIFAR100, archive.toString(), md5(archive), false))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("exists but is not a complete cifar100")
                .hasMessageContaining("pass --force to replace it");
        assertThat(tmp.resolve("data/cifar100/notes.txt")).exists();
    }

    @Test
    @Timeout(60)
    void downloadsFromAUrlAndDeletesTheDownloadedArchive() throws IOException {
        Path archive = FixtureArchives.cifar(tmp);
        byte[] body = Files.readAllBytes(archive);
        HttpServer server = serve(body);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-100-binary.tar.gz";
            DatasetArchive.Digest md5 = md5(archive);

            DatasetFetch.Outcome outcome = fetcher().fetch(DatasetArchive.CIFAR100, url, md5, false);

            assertThat(outcome.status()).isEqualTo(DatasetFetch.Status.FETCHED);
            assertThat(DatasetFetch.readRecord(tmp.resolve("data/cifar100")).source()).isEqualTo(url);
            assertThat(leftovers()).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    @Timeout(60)
    void aDownloadThatBreaksOffIsNamedAndDeleted() throws Exception {
        byte[] body = Files.readAllBytes(FixtureArchives.cifar(tmp));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> breakOff(server, body));
            serving.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/cifar-100-binary.tar.gz";

            assertThatThrownBy(() -> fetcher().fetch(DatasetArchive.CIFAR100, url, null, false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("download of " + url + " broke off after ");
            assertThat(leftovers()).isEmpty();
            serving.join(10_000);
        }
    }

    /** Answers one request promising twice the body, sends half of it and closes the connection. */
    private static void breakOff(ServerSocket server, byte[] body) {
        try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
            socket.getInputStream().read(new byte[4096]);   // the request; its content does not matter
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + 2L * body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
        } catch (IOException e) {
            // the client hanging up first is fine
        }
    }

    /** A loopback server answering every request with {@code body}. */
    private static HttpServer serve(byte[] body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** Temporary unpack folders, partial downloads or moved-aside folders left in data/. */
    private Stream<Path> leftovers() throws IOException {
        Path data = tmp.resolve("data");
        if (!Files.isDirectory(data)) {
            return Stream.empty();
        }
        Stream.Builder<Path> out = Stream.builder();
        try (Stream<Path> s = Files.walk(data)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".unpacking") || n.endsWith(".part") || n.endsWith(".replaced");
            }).forEach(out);
        }
        return out.build();
    }
}
