package dev.vsgdsuite.suite.bench;

import dev.vsgdsuite.suite.model.ModelSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The benchmarks' input: uniform random images of the model's shape, labels cycling through the classes. */
public final class RandomBatch {

    private RandomBatch() {}

    /** Draws from nd4j's global random generator (seed it first for a fixed batch). */
    public static DataSet of(ModelSpec spec, int batchSize) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batchSize, spec.channels(), spec.height(), spec.width());
        INDArray y = Nd4j.zeros(DataType.FLOAT, batchSize, spec.classes());
        for (int i = 0; i < batchSize; i++) {
            y.putScalar(i, i % spec.classes(), 1f);
        }
        return new DataSet(x, y);
    }
}
