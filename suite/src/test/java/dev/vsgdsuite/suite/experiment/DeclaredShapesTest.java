package dev.vsgdsuite.suite.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.data.DatasetId;
import dev.vsgdsuite.suite.data.ImageSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shapes {@link DatasetId} declares (which validate a model before any data is read) are the
 * shapes the readers give: checked on the fixtures every checkout has.
 */
class DeclaredShapesTest {

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({"cifar100_vgg, cifar100_fixture", "tiny_imagenet_vgg, tiny_imagenet_fixture",
            "fashion_convmixer_demo, fashion_mnist_subset"})
    void theReadersGiveTheDeclaredShape(String experiment, String datasetConfig) {
        var config = Experiment.resolve(List.of("experiment=" + experiment, "dataset=" + datasetConfig));
        DatasetId id = DatasetId.fromId(config.dataset().name());
        DataModule data = Experiment.load(config);
        for (ImageSet set : new ImageSet[] {data.train(), data.test()}) {
            assertThat(List.of(set.channels(), set.height(), set.width())).as(set.name())
                    .containsExactly(id.channels(), id.height(), id.width());
        }
        if (id == DatasetId.TINY_IMAGENET) {
            // the format fixture lists 4 of the 200 classes in its wnids.txt; the reader counts what is listed
            assertThat(data.numClasses()).isBetween(2, id.classes());
        } else {
            assertThat(data.numClasses()).isEqualTo(id.classes());
        }
        if (id == DatasetId.FASHION_MNIST_SUBSET) {
            assertThat(data.train().size()).isEqualTo(id.trainingImages());
        }
    }
}
