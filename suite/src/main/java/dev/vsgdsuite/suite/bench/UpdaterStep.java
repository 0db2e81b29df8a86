package dev.vsgdsuite.suite.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.vsgdsuite.suite.optim.SgdMomentum;
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
 * how close is it to the memory-bandwidth floor? One DL4J updater step as DL4J runs it (the gradient
 * view overwritten with the update; AdamW adds its decoupled decay, as DL4J's WeightDecay does after
 * the updater). {@code vsgd} is the kernel DL4J users get (SIMD with the Vector API module, which the
 * fork is given); {@code vsgd-scalar} forces the scalar loop, to show what the lanes buy.
 *
 * <p>Baseline {@code stream}: a SIMD pass that reads and writes four float arrays (the 32 bytes per
 * parameter a VSGD step must move: gradient, μ, Bg, Bh), split over the cores like VSGD's loop.
 * Bytes per parameter moved: VSGD 32 (+4 for the non-finite check), Adam 24, AdamW 32 (θ read for
 * the decay, update read/written again), SGD-momentum 16, stream 32. {@link BenchSummary} turns a
 * JSON result into ms/step, GB/s and the ratio to Adam. The update is returned so the JIT cannot
 * drop it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=8g"})
public class UpdaterStep {

    @Param({"100000", "1000000", "10000000"})
    public int size;

    @Param({"vsgd", "vsgd-scalar", "adam", "adamw", "sgd-momentum", "stream"})
    public String updater;

    private GradientUpdater<?> step;
    /** The gradient each step starts from; {@link #gradient} is overwritten with the update. */
    private INDArray source;
    private INDArray gradient;
    private INDArray params;
    private List<Regularization> decay = List.of();
    private ByteBuffer[] streams;
    /** Keeps the arrays behind {@link #streams} reachable: a collected array frees the buffer's memory. */
    private INDArray[] streamArrays;
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
                config = new Adam(0.001);
                break;
            case "adamw":
                config = new Adam(0.001);
                decay = List.of(new WeightDecay(0.01, true));
                break;
            case "sgd-momentum":
                config = new SgdMomentum(0.01, null, 0.9, false);
                break;
            case "stream":
                streams = new ByteBuffer[4];
                streamArrays = new INDArray[4];
                for (int i = 0; i < 4; i++) {
                    streamArrays[i] = Nd4j.rand(DataType.FLOAT, 1, size);
                    streams[i] = streamArrays[i].data().asNio().order(ByteOrder.nativeOrder());
                }
                return;
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

    @Benchmark
    public Object step() {
        if (streams != null) {
            return streamFloor();
        }
        int it = iteration++;
        step.applyUpdater(gradient, it, 0);
        for (Regularization r : decay) {
            r.apply(params, gradient, 0.001, it, 0);
        }
        return gradient;
    }

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    /** Reads and writes four float arrays once, in SIMD lanes and parallel chunks: the bandwidth floor. */
    private Object streamFloor() {
        int n = size;
        int width = LANES.length();
        int vectors = n / width;
        int chunks = Runtime.getRuntime().availableProcessors();
        int chunk = (vectors + chunks - 1) / chunks;
        ByteOrder order = ByteOrder.nativeOrder();
        ByteBuffer g = streams[0];
        ByteBuffer m = streams[1];
        ByteBuffer b = streams[2];
        ByteBuffer h = streams[3];
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
