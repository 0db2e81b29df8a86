package dev.vsgdsuite.suite.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Downloads an archive over HTTP(S) to a file, following redirects (Stanford's http URL may move to
 * https), with its progress on stderr every tenth of the size. A failure leaves whatever arrived in
 * the file; the caller checks the size and checksum, which name a short file as truncated.
 */
final class ArchiveDownload {

    private ArchiveDownload() {}

    /**
     * Writes {@code url}'s body to {@code target}.
     *
     * @throws IOException when the server answers other than 200 or the connection breaks, naming the URL
     */
    static void download(URI url, Path target, long expectedSize, PrintStream progress) throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest request = HttpRequest.newBuilder(url).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + url + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException(url + " answered HTTP " + response.statusCode() + "; check the URL, or download "
                    + "the archive yourself and pass it with --from FILE");
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(expectedSize);
        progress.printf(Locale.ROOT, "downloading %s (%,d bytes) to %s%n", url, total, target);
        long received = 0;
        long nextReport = total / 10;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                received += n;
                if (total > 0 && received >= nextReport) {
                    progress.printf(Locale.ROOT, "  %3d%% (%,d bytes)%n", received * 100 / total, received);
                    nextReport += total / 10;
                }
            }
        } catch (IOException e) {
            throw new IOException("download of " + url + " broke off after " + received + " bytes (" + e.getMessage()
                    + ")", e);
        }
    }
}
