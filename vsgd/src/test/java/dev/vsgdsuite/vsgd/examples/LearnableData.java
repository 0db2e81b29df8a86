package dev.vsgdsuite.vsgd.examples;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** 4 Gaussian features, 3 classes by the argmax of a fixed linear map: a task a small net learns in steps. */
final class LearnableData {

    private LearnableData() {}

    static DataSet of(int examples, long seed) {
        INDArray x = Nd4j.randn(seed, new long[] {examples, 4}).castTo(DataType.FLOAT);
        INDArray map = Nd4j.createFromArray(new float[][] {{1, -1, 0}, {0, 1, -1}, {-1, 0, 1}, {0.5f, 0.5f, -1}});
        INDArray classes = x.mmul(map).argMax(1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, examples, 3);
        for (int i = 0; i < examples; i++) {
            y.putScalar(i, classes.getInt(i), 1f);
        }
        return new DataSet(x, y);
    }
}
