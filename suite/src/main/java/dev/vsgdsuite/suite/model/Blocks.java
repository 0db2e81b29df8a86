package dev.vsgdsuite.suite.model;

import dev.vsgdsuite.suite.runtime.SuiteSwitches;

import dev.vsgdsuite.suite.layers.ConvolutionCache;
import dev.vsgdsuite.suite.layers.GroupedConvolutionLayer;
import dev.vsgdsuite.suite.layers.PatchEmbeddingLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Layers as PyTorch defines them, shared by the architectures. */
final class Blocks {

    /** PyTorch BatchNorm2d: eps 1e-5, running averages with momentum 0.1 (DL4J decay 0.9). */
    static final double BN_EPS = 1e-5;
    static final double BN_DECAY = 0.9;

    private Blocks() {}

    /** A float32 graph with input "in" of the spec's shape, weights seeded from {@code seed}. */
    static ComputationGraphConfiguration.GraphBuilder graph(ModelSpec spec, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).cacheMode(ConvolutionCache.mode()).graphBuilder()
                .addInputs("in").setInputTypes(spec.inputType());
    }

    static BatchNormalization batchNorm(int channels, IActivation activation) {
        return new BatchNormalization.Builder().nIn(channels).nOut(channels).eps(BN_EPS).decay(BN_DECAY)
                .activation(activation).build();
    }

    static BatchNormalization batchNorm(int channels) {
        return batchNorm(channels, Activation.IDENTITY.getActivationFunction());
    }

    /** Conv2d(nIn, nOut, k, stride, padding, bias) with an explicit weight initialisation. */
    static ConvolutionLayer conv(int nIn, int nOut, int kernel, int stride, int padding, boolean bias,
                                 IWeightInit init, IActivation activation) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
                .convolutionMode(ConvolutionMode.Truncate).nIn(nIn).nOut(nOut).hasBias(bias)
                .weightInit(init).biasInit(0).activation(activation).build();
    }

    /**
     * Depthwise Conv2d(dim, dim, k, groups=dim, padding="same") with bias; with the convolution cache
     * on, the suite's {@link dev.vsgdsuite.suite.layers.CachingDepthwiseConvolution2D} (DL4J's, reusing the forward pass in backprop).
     */
    static DepthwiseConvolution2D depthwiseSame(int channels, int kernel, IWeightInit init, IActivation activation) {
        DepthwiseConvolution2D.Builder builder = new DepthwiseConvolution2D.Builder(kernel, kernel).depthMultiplier(1)
                .nIn(channels).nOut(channels).convolutionMode(ConvolutionMode.Same).hasBias(true).weightInit(init)
                .biasInit(0).activation(activation);
        return ConvolutionCache.depthwise(builder);
    }

    /** Linear(nIn, classes) + softmax, trained with mean cross-entropy. */
    static OutputLayer classifier(int nIn, int classes, IWeightInit init) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(nIn).nOut(classes)
                .activation(Activation.SOFTMAX).weightInit(init).biasInit(0).build();
    }

    static IWeightInit normal(double std) {
        return new WeightInitDistribution(new NormalDistribution(0, std));
    }

    static IWeightInit uniform(double bound) {
        return new WeightInitDistribution(new UniformDistribution(-bound, bound));
    }

    /** He-normal std for fan-out k·k·out (PyTorch kaiming_normal_, mode='fan_out', ReLU gain). */
    static double heFanOut(int kernel, int out) {
        return Math.sqrt(2.0 / (kernel * kernel * (double) out));
    }

    /** Inputs feeding one output unit, as PyTorch counts them (in/groups · k·k). */
    static long fanIn(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof PatchEmbeddingLayer p) {
            return p.getNIn() * p.getPatch() * p.getPatch();
        }
        if (conf instanceof DepthwiseConvolution2D) {
            int[] k = ((DepthwiseConvolution2D) conf).getKernelSize();
            return (long) k[0] * k[1];
        }
        if (conf instanceof ConvolutionLayer) {
            ConvolutionLayer c = (ConvolutionLayer) conf;
            long groups = conf instanceof GroupedConvolutionLayer ? ((GroupedConvolutionLayer) conf).getGroups() : 1;
            return c.getNIn() / groups * c.getKernelSize()[0] * c.getKernelSize()[1];
        }
        return ((FeedForwardLayer) conf).getNIn();
    }
}
