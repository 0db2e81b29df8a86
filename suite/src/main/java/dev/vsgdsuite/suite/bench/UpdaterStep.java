package dev.vsgdsuite.suite.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.vsgdsuite.suite.optim.SgdMomentum;
import dev.vsgdsuite.suite.optim.TorchAdam;
import dev.vsgdsuite.vsgd.Vsgd;
import dev.vsgdsuite.vsgd.VsgdUpdater;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One question: what does one updater step cost on a float32 block of {@code size} parameters, and
 * how close is it to the memory-bandwidth floor?
 *
 * <p>{@link #step} is the measurement: one DL4J updater step as DL4J runs it (the gradient view
 * overwritten with the update; AdamW adds its decoupled decay, as DL4J's WeightDecay does after the
 * updater). {@code vsgd} is the kernel DL4J users get (SIMD with the Vector API module, which the fork
 * is given); {@code vsgd-scalar} forces the scalar loop, to show what the lanes buy. Adam (the suite's
 * torch-exact {@link TorchAdam}, what {@code adam} runs train with) is the updater every other one is
 * compared with, so it runs through the same method; {@code adam-dl4j} is DL4J's fused native step.
 *
 * <p>{@link #streamFloor} is the baseline, its own benchmark beside the measurement as in JMH's
 * samples: a SIMD pass that reads and writes four float arrays (the gradient, mug, bg and bhg a VSGD
 * step must move), split over the cores like VSGD's loop. It has only the {@code size} parameter.
 *
 * <p>{@link BenchSummary} turns a JSON result into ms/step, GB/s (from the bytes each step must move
 * per parameter, {@link BenchSummary#BYTES_PER_PARAMETER}) and the ratio to Adam at the same size.
 * Both methods return what they wrote so that the JIT cannot drop it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=8g"})
public class UpdaterStep {

    /** One updater over one block: what {@link #step} measures. */
    @State(Scope.Thread)
    public static class Block {

        @Param({"100000", "1000000", "10000000"})
        public int size;

        @Param({"vsgd", "vsgd-scalar", "adam", "adamw", "adam-dl4j", "sgd-momentum"})
        public String updater;

        private GradientUpdater<?> step;
        /** The gradient each step starts from; {@link #gradient} is overwritten with the update. */
        private INDArray source;
        private INDArray gradient;
        private INDArray params;
        private List<Regularization> decay = List.of();
        private int iteration;

        @Setup
        public void setUp() {
            source = Nd4j.rand(DataType.FLOAT, 1, size).subi(0.5f);
            gradient = source.dup();
            params = Nd4j.rand(DataType.FLOAT, 1, size);
            IUpdater config;
            switch (updater) {
                case "vsgd":
                case "vsgd-scalar":
                    config = new Vsgd(0.01);
                    break;
                case "adam":
                    config = new TorchAdam(0.001, null, TorchAdam.DEFAULT_BETA1, TorchAdam.DEFAULT_BETA2,
                            TorchAdam.DEFAULT_EPS);
                    break;
                case "adamw":
                    config = new TorchAdam(0.001, null, TorchAdam.DEFAULT_BETA1, TorchAdam.DEFAULT_BETA2,
                            TorchAdam.DEFAULT_EPS);
                    decay = List.of(new WeightDecay(0.01, true));
                    break;
                case "adam-dl4j":
                    config = new Adam(0.001);
                    break;
                case "sgd-momentum":
                    config = new SgdMomentum(0.01, null, 0.9, false);
                    break;
                default:
                    throw new IllegalArgumentException(updater);
            }
            step = config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(size)), true);
            if (updater.equals("vsgd-scalar")) {
                ((VsgdUpdater) step).setKernel(VsgdUpdater.Kernel.SCALAR);
            }
        }

        /**
         * A fresh gradient before every step, outside the timing. Feeding the update back as the next
         * gradient would drive Adam's values into subnormal floats within a few hundred steps (update ≈
         * lr·gradient), and subnormal arithmetic is many times slower: a benchmark artefact, not a cost.
         */
        @Setup(Level.Invocation)
        public void freshGradient() {
            gradient.assign(source);
        }
    }

    /** Four float arrays of one block's length: what {@link #streamFloor} reads and writes. */
    @State(Scope.Thread)
    public static class Streams {

        @Param({"100000", "1000000", "10000000"})
        public int size;

        private ByteBuffer[] buffers;
        /** Keeps the arrays behind {@link #buffers} reachable: a collected array frees the buffer's memory. */
        private INDArray[] arrays;

        @Setup
        public void setUp() {
            buffers = new ByteBuffer[4];
            arrays = new INDArray[4];
            for (int i = 0; i < 4; i++) {
                arrays[i] = Nd4j.rand(DataType.FLOAT, 1, size);
                buffers[i] = arrays[i].data().asNio().order(ByteOrder.nativeOrder());
            }
        }
    }

    /** The measurement: one step of the block's updater, then its decoupled decay if it has one. */
    @Benchmark
    public Object step(Block block) {
        int it = block.iteration++;
        block.step.applyUpdater(block.gradient, it, 0);
        for (Regularization r : block.decay) {
            r.apply(block.params, block.gradient, 0.001, it, 0);
        }
        return block.gradient;
    }

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    /** The baseline: reads and writes four float arrays once, in SIMD lanes and parallel chunks. */
    @Benchmark
    public Object streamFloor(Streams streams) {
        int n = streams.size;
        int width = LANES.length();
        int vectors = n / width;
        int chunks = Runtime.getRuntime().availableProcessors();
        int chunk = (vectors + chunks - 1) / chunks;
        ByteOrder order = ByteOrder.nativeOrder();
        ByteBuffer g = streams.buffers[0];
        ByteBuffer m = streams.buffers[1];
        ByteBuffer b = streams.buffers[2];
        ByteBuffer h = streams.buffers[3];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            for (int v = c * chunk, end = Math.min(vectors, v + chunk); v < end; v++) {
                int at = v * width * Float.BYTES;
                FloatVector gi = FloatVector.fromByteBuffer(LANES, g, at, order);
                gi.mul(0.5f).intoByteBuffer(g, at, order);
                FloatVector.fromByteBuffer(LANES, m, at, order).add(gi).intoByteBuffer(m, at, order);
                FloatVector.fromByteBuffer(LANES, b, at, order).add(gi).intoByteBuffer(b, at, order);
                FloatVector.fromByteBuffer(LANES, h, at, order).sub(gi).intoByteBuffer(h, at, order);
            }
        });
        return g;
    }
}
