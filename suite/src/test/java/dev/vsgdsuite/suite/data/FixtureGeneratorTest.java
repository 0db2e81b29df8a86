package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vsgdsuite.suite.runtime.ProjectPaths;

/** The committed fixtures are what the generator makes. */
class FixtureGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void theFormatFixturesRegenerateByteForByte() throws IOException {
        FixtureGenerator.writeFormatFixtures(dir);
        for (String fixture : List.of("cifar100-tiny", "tiny-imagenet-tiny")) {
            Path committed = ProjectPaths.fixtures().resolve(fixture);
            Path fresh = dir.resolve(fixture);
            List<String> committedFiles = files(committed);
            assertThat(files(fresh)).as(fixture).containsExactlyElementsOf(committedFiles);
            for (String f : committedFiles) {
                assertThat(Files.readAllBytes(fresh.resolve(f))).as(fixture + "/" + f)
                        .isEqualTo(Files.readAllBytes(committed.resolve(f)));
            }
        }
    }

    /**
     * The gzip bytes depend on the zlib build, so the content is compared decompressed; it must
     * equal the selection rule applied to the Debian package's files.
     */
    @Test
    @Tag("host-tools")
    void theFashionSubsetIsTheFirstImagesOfEachClassOfTheRealData() throws IOException {
        TestImages.requireDebianFashionMnist();
        Path fresh = dir.resolve("fashion");
        FixtureGenerator.writeFashionSubset(DatasetLocator.DEBIAN_FASHION_MNIST, fresh);
        Path committed = ProjectPaths.fixtures().resolve("fashion-mnist-subset");
        for (String base : IdxReader.STANDARD_FILES) {
            assertThat(IdxReader.readMaybeGzipped(fresh.resolve(base + ".gz"))).as(base)
                    .isEqualTo(IdxReader.readMaybeGzipped(committed.resolve(base + ".gz")));
        }
        byte[] header = Files.readAllBytes(committed.resolve(IdxReader.TRAIN_LABELS + ".gz"));
        assertThat(new byte[] {header[4], header[5], header[6], header[7]}).as("gzip mtime").containsOnly(0);
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
