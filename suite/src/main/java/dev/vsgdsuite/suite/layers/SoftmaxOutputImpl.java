package dev.vsgdsuite.suite.layers;

import dev.vsgdsuite.vsgd.HostArrays;
import java.util.Arrays;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The computation of a {@link SoftmaxOutputLayer}, as DL4J 1.0.0-M2.1's output layer with LossMCXENT
 * computes it: z = x·W + b; p = softmax(z); the score −Σ labels·log(max(p, clip ε)) over the
 * minibatch, divided by its size, plus the network's regularisation term; the gradient at z is p −
 * labels (DL4J's updater divides by the minibatch), W's is xᵀ·(p − labels), b's the column sums,
 * the input's (p − labels)·Wᵀ. Why: as nd4j ops that is about twenty native calls on a 32×10
 * matrix, each with its per-call set-up: a fifth of the fused demo's iteration (docs/PERFORMANCE.md).
 * exp and log are StrictMath's, so every JIT tier gives the same bits. With a mask, dropout or
 * weight noise, and on a backend other than the CPU's, DL4J's own code runs.
 */
public class SoftmaxOutputImpl extends OutputLayer {

    private static final long serialVersionUID = 1L;

    SoftmaxOutputImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** DL4J's own code: off the host's backend, and wherever the host path does not apply. */
    private boolean dl4jPath() {
        return !HostArrays.hostKernels() || maskArray != null || layerConf().getIDropout() != null || layerConf().getWeightNoise() != null
                || input == null || input.rank() != 2;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (dl4jPath()) {
            return super.activate(training, workspaceMgr);
        }
        float[][] p = probabilities();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {p.length, p[0].length}, 'c');
        out.assign(Nd4j.createFromArray(p));
        return out;
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (dl4jPath() || labels == null) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        float[][] p = probabilities();
        float[][] y = labels.castTo(DataType.FLOAT).toFloatMatrix();
        float clip = (float) ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                float q = Math.min(Math.max(p[i][j], clip), 1f - clip);
                sum += (float) StrictMath.log(q) * y[i][j];
            }
        }
        double score = -sum;
        if (conf().isMiniBatch()) {
            score /= getInputMiniBatchSize();
        }
        score += fullNetRegTerm;
        this.score = score;
        return score;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (dl4jPath() || labels == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        float[][] x = input.castTo(DataType.FLOAT).toFloatMatrix();
        float[][] w = getParam(DefaultParamInitializer.WEIGHT_KEY).castTo(DataType.FLOAT).toFloatMatrix();
        float[][] delta = probabilities();
        float[][] y = labels.castTo(DataType.FLOAT).toFloatMatrix();
        int n = x.length;
        int nIn = w.length;
        int nOut = w[0].length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < nOut; j++) {
                delta[i][j] -= y[i][j];
            }
        }
        float[][] dW = new float[nIn][nOut];
        float[] db = new float[nOut];
        float[][] dx = new float[n][nIn];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < nOut; j++) {
                float d = delta[i][j];
                db[j] += d;
                for (int k = 0; k < nIn; k++) {
                    dW[k][j] = Math.fma(x[i][k], d, dW[k][j]);
                    dx[i][k] = Math.fma(d, w[k][j], dx[i][k]);
                }
            }
        }
        Gradient gradient = new DefaultGradient();
        INDArray wView = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        wView.assign(Nd4j.createFromArray(dW));
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, wView);
        INDArray bView = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        bView.assign(Nd4j.createFromArray(db).reshape(bView.shape()));
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, bView);
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[] {n, nIn}, 'c');
        epsilonNext.assign(Nd4j.createFromArray(dx));
        return new Pair<>(gradient, epsilonNext);
    }

    /** softmax(x·W + b) per row: exp(z − max z) / Σ, in float with StrictMath's exp. */
    private float[][] probabilities() {
        float[][] x = input.castTo(DataType.FLOAT).toFloatMatrix();
        float[][] w = getParam(DefaultParamInitializer.WEIGHT_KEY).castTo(DataType.FLOAT).toFloatMatrix();
        float[] b = getParam(DefaultParamInitializer.BIAS_KEY).castTo(DataType.FLOAT).toFloatVector();
        int nOut = b.length;
        float[][] p = new float[x.length][nOut];
        for (int i = 0; i < x.length; i++) {
            float[] z = p[i];
            System.arraycopy(b, 0, z, 0, nOut);
            for (int k = 0; k < x[i].length; k++) {
                for (int j = 0; j < nOut; j++) {
                    z[j] = Math.fma(x[i][k], w[k][j], z[j]);
                }
            }
            float max = z[0];
            for (int j = 1; j < nOut; j++) {
                max = Math.max(max, z[j]);
            }
            float total = 0f;
            for (int j = 0; j < nOut; j++) {
                z[j] = (float) StrictMath.exp(z[j] - max);
                total += z[j];
            }
            for (int j = 0; j < nOut; j++) {
                z[j] /= total;
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "SoftmaxOutputImpl" + Arrays.toString(new long[] {layerConf().getNIn(), layerConf().getNOut()});
    }
}
