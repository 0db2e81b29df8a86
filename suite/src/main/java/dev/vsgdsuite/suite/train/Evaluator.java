package dev.vsgdsuite.suite.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean cross-entropy and top-1 accuracy over a data set, computed from the network's softmax output
 * in inference mode (batch-norm running statistics), as the authors' tester: summed over every image,
 * divided by the number of images. Regularization penalties are not part of this loss.
 */
public final class Evaluator {

    /** Loss and accuracy over {@code images} images. */
    public record Scores(double loss, double accuracy, long images) {}

    private Evaluator() {}

    public static Scores evaluate(ComputationGraph graph, DataSetIterator batches) {
        batches.reset();
        double lossSum = 0;
        long correct = 0;
        long n = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            Scores s = batch(graph, ds);
            lossSum += s.loss * s.images;
            correct += Math.round(s.accuracy * s.images);
            n += s.images;
        }
        if (n == 0) {
            throw new IllegalStateException("evaluation set is empty");
        }
        return new Scores(lossSum / n, (double) correct / n, n);
    }

    /** Loss and accuracy of one batch, in inference mode. */
    public static Scores batch(ComputationGraph graph, DataSet ds) {
        return scores(graph.outputSingle(false, ds.getFeatures()), ds);
    }

    /**
     * Accuracy of one batch as the training forward pass sees it (batch-norm batch statistics), the
     * way a PyTorch loop reports training accuracy. DL4J updates running statistics only in the
     * backward pass, so this changes nothing in the network.
     */
    public static double trainingModeAccuracy(ComputationGraph graph, DataSet ds) {
        return scores(graph.output(true, false, ds.getFeatures())[0], ds).accuracy();
    }

    private static Scores scores(INDArray probs, DataSet ds) {
        INDArray labels = ds.getLabels();
        long n = labels.size(0);
        INDArray predicted = probs.argMax(1);
        INDArray truth = labels.argMax(1);
        long correct = predicted.eq(truth).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
        // −Σ y·log p, with p clipped like DL4J's MCXENT (1e-10) so one confident mistake stays finite
        INDArray logp = Transforms.log(Transforms.max(probs, 1e-10, true), false);
        double loss = -logp.muli(labels).sumNumber().doubleValue() / n;
        return new Scores(loss, (double) correct / n, n);
    }
}
