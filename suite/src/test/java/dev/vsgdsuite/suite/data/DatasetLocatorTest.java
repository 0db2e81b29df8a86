package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where datasets are looked for, both archive layouts, and the not-found message. */
class DatasetLocatorTest {

    @TempDir
    Path root;

    @Test
    void aMissingDatasetListsEveryPlaceLookedAndHowToGetIt() {
        DatasetLocator locator = new DatasetLocator(root, root.resolve("no-debian"));

        assertThatThrownBy(() -> locator.locate(DatasetId.CIFAR100, null))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("Dataset cifar100 not found")
                .hasMessageContaining(root.resolve("data/cifar100") + " (does not exist)")
                .hasMessageContaining("cifar-100-binary.tar.gz")
                .hasMessageContaining("University of Toronto")
                .hasMessageContaining("unpack it into data/cifar100/")
                .hasMessageContaining("-Dsuite.data.cifar100=");
        assertThatThrownBy(() -> locator.locate(DatasetId.TINY_IMAGENET, null))
                .hasMessageContaining(root.resolve("data/tiny_imagenet").toString())
                .hasMessageContaining("tiny-imagenet-200.zip")
                .hasMessageContaining("Stanford CS231n")
                .hasMessageContaining("unzip it into data/tiny_imagenet/");
    }

    @Test
    void fashionMnistIsLookedForInDataAndInTheDebianFolder() throws IOException {
        Path debian = root.resolve("debian");
        Files.createDirectories(debian);
        Files.writeString(debian.resolve(IdxReader.TRAIN_IMAGES + ".gz"), "x");
        DatasetLocator locator = new DatasetLocator(root, debian);

        DatasetNotFoundException e = org.junit.jupiter.api.Assertions.assertThrows(DatasetNotFoundException.class,
                () -> locator.locate(DatasetId.FASHION_MNIST, null));

        assertThat(e.searched()).containsExactly(root.resolve("data/fashion_mnist"), debian);
        assertThat(e.getMessage())
                .contains(debian + " (missing train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz), "
                        + "t10k-labels-idx1-ubyte(.gz))")
                .contains("apt-get install dataset-fashion-mnist")
                .contains("data/fashion_mnist/");
    }

    @Test
    void aFolderShapedLikeTheDebianPackageIsFoundWhenDataHasNone() throws IOException {
        Path debian = Files.createDirectories(root.resolve("usr/share/datasets/fashion-mnist"));
        for (String f : IdxReader.STANDARD_FILES) {
            Files.writeString(debian.resolve(f + ".gz"), "x");   // the package ships the four files gzipped
        }
        assertThat(new DatasetLocator(root, debian).locate(DatasetId.FASHION_MNIST, null)).isEqualTo(debian);
        assertThat(DatasetLocator.DEBIAN_FASHION_MNIST).as("where dataset-fashion-mnist installs them")
                .isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
    }

    @Test
    void dataFolderComesBeforeDebianAndHoldsPlainOrGzippedFiles() throws IOException {
        Path data = Files.createDirectories(root.resolve("data/fashion_mnist"));
        for (String f : IdxReader.STANDARD_FILES) {
            Files.writeString(data.resolve(f.startsWith("train") ? f + ".gz" : f), "x");
        }
        assertThat(new DatasetLocator(root).locate(DatasetId.FASHION_MNIST, null)).isEqualTo(data);
    }

    @Test
    void bothArchiveLayoutsAreAccepted() throws IOException {
        DatasetLocator locator = new DatasetLocator(root);
        Path nested = Files.createDirectories(root.resolve("data/cifar100/cifar-100-binary"));
        assertThat(locator.locate(DatasetId.CIFAR100, null)).isEqualTo(nested);

        Path flat = Files.createDirectories(root.resolve("flat"));
        Files.write(flat.resolve("train.bin"), new byte[0]);
        assertThat(locator.locate(DatasetId.CIFAR100, flat)).isEqualTo(flat);

        Path tinyNested = Files.createDirectories(root.resolve("data/tiny_imagenet/tiny-imagenet-200"));
        assertThat(locator.locate(DatasetId.TINY_IMAGENET, null)).isEqualTo(tinyNested);
        Path tinyFlat = Files.createDirectories(root.resolve("tinyflat"));
        Files.writeString(tinyFlat.resolve("wnids.txt"), "n01443537\n");
        assertThat(locator.locate(DatasetId.TINY_IMAGENET, tinyFlat)).isEqualTo(tinyFlat);
    }

    @Test
    void anExplicitFolderIsTheOnlyPlaceTried() throws IOException {
        Files.createDirectories(root.resolve("data/cifar100/cifar-100-binary"));
        Path typo = root.resolve("cifar1OO");

        assertThatThrownBy(() -> new DatasetLocator(root).locate(DatasetId.CIFAR100, typo))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining(typo + " (does not exist)")
                .satisfies(e -> assertThat(((DatasetNotFoundException) e).searched()).containsExactly(typo));
    }

    @Test
    void theSystemPropertyNamesTheFolder() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere/cifar-100-binary"));
        String key = DatasetLocator.PROPERTY_PREFIX + "cifar100";
        System.setProperty(key, elsewhere.getParent().toString());
        try {
            assertThat(new DatasetLocator(root).locate(DatasetId.CIFAR100, null)).isEqualTo(elsewhere);
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void aFolderWithoutTheLayoutSaysWhatIsMissing() throws IOException {
        Files.createDirectories(root.resolve("data/cifar100/something-else"));

        assertThatThrownBy(() -> new DatasetLocator(root).locate(DatasetId.CIFAR100, null))
                .hasMessageContaining(root.resolve("data/cifar100") + " (no cifar-100-binary/ and no train.bin)");
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> DatasetId.fromId("cifar10"))
                .hasMessageContaining("Unknown dataset 'cifar10'")
                .hasMessageContaining("fashion_mnist, mnist, cifar100, tiny_imagenet, fashion_mnist_subset");
        assertThat(DatasetId.fromId("Tiny-ImageNet")).isEqualTo(DatasetId.TINY_IMAGENET);
    }
}
