package dev.vsgdsuite.suite.bench;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.vsgdsuite.suite.optim.SgdMomentum;
import dev.vsgdsuite.vsgd.Vsgd;
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
 * the updater). Baseline {@code stream}: a pass that reads and writes four float arrays (the
 * 32 bytes per parameter a VSGD step must move: gradient, μ, Bg, Bh), split over the cores like
 * VSGD's loop. Bytes per parameter moved: VSGD 32, Adam 24, AdamW 32 (θ read for the decay, update
 * read/written again), SGD-momentum 16, stream 32. The update is returned so the JIT cannot drop it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=8g"})
public class UpdaterStep {

    @Param({"100000", "1000000", "10000000"})
    public int size;

    @Param({"vsgd", "adam", "adamw", "sgd-momentum", "stream"})
    public String updater;

    private GradientUpdater<?> step;
    private INDArray gradient;
    private INDArray params;
    private List<Regularization> decay = List.of();
    private FloatBuffer[] streams;
    /** Keeps the arrays behind {@link #streams} reachable: a collected array frees the buffer's memory. */
    private INDArray[] streamArrays;
    private int iteration;

    @Setup
    public void setUp() {
        gradient = Nd4j.rand(DataType.FLOAT, 1, size).subi(0.5f);
        params = Nd4j.rand(DataType.FLOAT, 1, size);
        IUpdater config;
        switch (updater) {
            case "vsgd":
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
                streams = new FloatBuffer[4];
                streamArrays = new INDArray[4];
                for (int i = 0; i < 4; i++) {
                    streamArrays[i] = Nd4j.rand(DataType.FLOAT, 1, size);
                    streams[i] = streamArrays[i].data().asNioFloat();
                }
                return;
            default:
                throw new IllegalArgumentException(updater);
        }
        step = config.instantiate(Nd4j.create(DataType.FLOAT, 1, config.stateSize(size)), true);
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

    /** Reads and writes four float arrays once, in parallel chunks: the bandwidth floor of a VSGD step. */
    private Object streamFloor() {
        int n = size;
        int chunks = Runtime.getRuntime().availableProcessors();
        int chunk = (n + chunks - 1) / chunks;
        FloatBuffer g = streams[0];
        FloatBuffer m = streams[1];
        FloatBuffer b = streams[2];
        FloatBuffer h = streams[3];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            for (int i = c * chunk, end = Math.min(n, i + chunk); i < end; i++) {
                float gi = g.get(i);
                g.put(i, gi * 0.5f);
                m.put(i, m.get(i) + gi);
                b.put(i, b.get(i) + gi);
                h.put(i, h.get(i) - gi);
            }
        });
        return g;
    }
}
