package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.vsgdsuite.suite.runtime.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data verify}'s check: present, complete, the counts per class and split. */
class DatasetCheckTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingFolderIsMissing() {
        DatasetCheck.Report r = DatasetCheck.check(DatasetArchive.CIFAR100, tmp.resolve("cifar100"));

        assertThat(r.status()).isEqualTo(DatasetCheck.Status.MISSING);
        assertThat(r.problemLine()).contains("does not exist");
    }

    @Test
    void cifarWithTheExpectedCountsPerClassIsComplete() throws IOException {
        Path folder = tmp.resolve("cifar100/cifar-100-binary");
        Files.createDirectories(folder);
        Files.write(folder.resolve("train.bin"), records(4, 2));
        Files.write(folder.resolve("test.bin"), records(4, 1));

        DatasetCheck.Report r = DatasetCheck.check(DatasetArchive.CIFAR100, tmp.resolve("cifar100"),
                new DatasetCheck.Expected(4, 2, 1));

        assertThat(r.status()).isEqualTo(DatasetCheck.Status.OK);
        assertThat(r.folder()).isEqualTo(folder);
        assertThat(r.contents()).isEqualTo("train 8 records, test 4 records");
    }

    @Test
    void cifarCountsThatDifferAreNamed() throws IOException {
        Path folder = tmp.resolve("cifar100");
        Files.createDirectories(folder);
        byte[] train = records(4, 2);
        train[1] = 3;   // record 0 now has label 3: one too few of 0, one too many of 3
        Files.write(folder.resolve("train.bin"), train);
        byte[] test = records(4, 1);
        Files.write(folder.resolve("test.bin"), java.util.Arrays.copyOf(test, test.length - 10));

        DatasetCheck.Report r = DatasetCheck.check(DatasetArchive.CIFAR100, folder, new DatasetCheck.Expected(4, 2, 1));

        assertThat(r.status()).isEqualTo(DatasetCheck.Status.INCOMPLETE);
        assertThat(r.problems()).contains(
                "train.bin has 1 records of fine label 0, the official set 2",
                "train.bin has 3 records of fine label 3, the official set 2",
                "test.bin has 12286 bytes, not a whole number of 3074-byte records (truncated)",
                "test.bin has 3 records, the official set 4");
    }

    @Test
    void theCifarFixtureIsNotTheOfficialSet() {
        DatasetCheck.Report r = DatasetCheck.check(DatasetArchive.CIFAR100, ProjectPaths.fixtures().resolve("cifar100-tiny"));

        assertThat(r.status()).isEqualTo(DatasetCheck.Status.INCOMPLETE);
        assertThat(r.problems()).contains("train.bin has 200 records, the official set 50,000",
                "test.bin has 50 records, the official set 10,000");
    }

    @Test
    void tinyImageNetWithTheFixturesCountsIsCompleteAndAMissingImageIsNamed() throws IOException {
        Path copy = tmp.resolve("tiny_imagenet");
        copyTree(ProjectPaths.fixtures().resolve("tiny-imagenet-tiny"), copy);
        DatasetCheck.Expected fixtureCounts = new DatasetCheck.Expected(4, 8, 4);

        DatasetCheck.Report ok = DatasetCheck.check(DatasetArchive.TINY_IMAGENET, copy, fixtureCounts);
        assertThat(ok.status()).isEqualTo(DatasetCheck.Status.OK);
        assertThat(ok.contents()).isEqualTo("4 classes, train 32 images, val 16");

        Files.delete(copy.resolve("tiny-imagenet-200/train/n01443537/images/n01443537_3.JPEG"));
        Files.delete(copy.resolve("tiny-imagenet-200/val/images/val_0.JPEG"));
        DatasetCheck.Report broken = DatasetCheck.check(DatasetArchive.TINY_IMAGENET, copy, fixtureCounts);
        assertThat(broken.status()).isEqualTo(DatasetCheck.Status.INCOMPLETE);
        assertThat(broken.problems()).contains("train/n01443537/images has 7 images, the official set 8",
                "val/images has 15 images, the official set 16",
                "val/val_annotations.txt: 1 lines name an image not in val/images");
        assertThat(DatasetCheck.check(DatasetArchive.TINY_IMAGENET, copy).problems())
                .contains("wnids.txt lists 4 classes, the official set 200");
    }

    /** {@code classes × perClass} CIFAR-100 binary records, label k repeated perClass times. */
    private static byte[] records(int classes, int perClass) {
        byte[] out = new byte[classes * perClass * Cifar100Reader.RECORD_BYTES];
        for (int i = 0; i < classes * perClass; i++) {
            out[i * Cifar100Reader.RECORD_BYTES + 1] = (byte) (i / perClass);
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
