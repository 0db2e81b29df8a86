package dev.vsgdsuite.suite.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import dev.vsgdsuite.suite.experiment.Experiment;
import dev.vsgdsuite.suite.experiment.ModelCatalog;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.optim.Optimizers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One question: what does one full training iteration (forward, backward, update) cost with each
 * optimizer, i.e. VSGD's overhead over Adam in the same run? Models: the authors' demo ConvMixer at
 * batch 32 (28×28×1) and a CIFAR-sized VGG16-bn at a quarter of the width at batch 64. Random inputs
 * and labels, fixed per trial; the oneDNN runtime of a real run. The score is returned to keep the work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=8g",
        "-Dorg.eclipse.deeplearning4j.helpers.disable=false"})
public class TrainingIteration {

    @Param({"demo_convmixer", "cifar_vgg16_quarter"})
    public String model;

    /** JMH takes constants only: the demo group's optimizers of configs/profiles.yaml (ProfileTest checks). */
    @Param({"vsgd", "adam", "sgd"})
    public String optimizer;

    private ComputationGraph graph;
    private DataSet batch;

    @Setup(Level.Trial)
    public void setUp() {
        Dl4jRuntime.init();
        boolean demo = model.equals("demo_convmixer");
        ModelSpec spec = demo ? ModelCatalog.demo()
                : Experiment.network(Experiment.resolve(List.of("experiment=cifar100_vgg", "model.width_divisor=4")));
        int batchSize = demo ? 32 : 64;
        RunConfig c = Experiment.resolve(List.of("experiment=" + ModelCatalog.demoExperiment(), "optimizer=" + optimizer));
        graph = Networks.build(spec, 1, conf -> Optimizers.configure(conf, c.optimizer(), c.scheduler()));
        batch = RandomBatch.of(spec, batchSize);
    }

    @Benchmark
    public double iteration() {
        graph.fit(batch);
        return graph.score();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        graph.close();
    }
}
