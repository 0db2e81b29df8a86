package dev.vsgdsuite.suite.model;

import java.io.File;
import java.io.IOException;

import dev.vsgdsuite.suite.config.ModelConfig;
import dev.vsgdsuite.suite.layers.FastLayers;
import dev.vsgdsuite.suite.schema.ConfigException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The one place networks come from: a model config and an input shape give a {@link ModelSpec}
 * ({@link #spec}); a spec gives a ready network ({@link #build}: DL4J configuration → the caller's
 * training set-up → {@code init()} → the authors' initialisation → the suite's fast layers); a saved
 * network is restored with the same fast layers ({@link #restore}).
 */
public final class Networks {

    private Networks() {}

    /**
     * The network {@code config} describes for inputs of {@code shape}, checked down to its DL4J
     * configuration, so a model that does not fit its data fails here, naming the key.
     *
     * @throws ConfigException naming {@code model.KEY} (or the input) and the input shape
     */
    public static ModelSpec spec(ModelConfig config, InputShape shape) {
        try {
            ModelSpec spec = record(config, shape);
            spec.configuration(0);   // shape inference through every layer
            return spec;
        } catch (ConfigException e) {
            throw e;
        } catch (InvalidModelException e) {
            String subject = e.key() == null ? "model (" + config.arch() + ")" : "model." + e.key();
            throw new ConfigException(subject + " does not fit the input " + shape + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConfigException("model (" + config.arch() + ") cannot be built for the input " + shape + ": "
                    + e.getMessage(), e);
        }
    }

    private static ModelSpec record(ModelConfig config, InputShape in) {
        var v = config.values();
        switch (config.arch()) {
            case "vgg":
                return new Vgg(v.string("config"), v.integer("width_divisor"), in.channels(), in.height(), in.width(),
                        in.classes());
            case "convmixer":
                return new ConvMixer(v.integer("dim"), v.integer("depth"), v.integer("kernel"), v.integer("patch"),
                        in.channels(), in.height(), in.width(), in.classes());
            case "resnext":
                return new ResNeXt(v.integer("cardinality"), v.integer("depth"), v.integer("widen_factor"),
                        v.integer("base_width"), in.channels(), in.height(), in.width(), in.classes());
            default:
                throw new ConfigException("model.arch = " + config.arch() + " is invalid: it must be one of "
                        + ModelConfig.ARCHITECTURES + ".");
        }
    }

    /** A ready network of {@code spec} initialised from {@code seed}, with DL4J's default updater. */
    public static ComputationGraph build(ModelSpec spec, long seed) {
        return build(spec, seed, TrainingSetUp.NONE);
    }

    /** A ready network of {@code spec}: configuration, {@code setUp}, init, the authors' initialisation, fast layers. */
    public static ComputationGraph build(ModelSpec spec, long seed, TrainingSetUp setUp) {
        ComputationGraphConfiguration conf = spec.configuration(seed);
        setUp.apply(conf);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        spec.initialise(graph, seed);
        FastLayers.install(graph);
        return graph;
    }

    /**
     * A network saved with {@link ModelSerializer} (a checkpoint's model), with the fast layers.
     *
     * @throws IOException naming the file and DL4J's reason when it cannot be restored (DL4J reports
     *                     damaged files as unchecked exceptions such as "Model wasnt found within file")
     */
    public static ComputationGraph restore(File file, boolean withUpdaterState) throws IOException {
        ComputationGraph graph;
        try {
            graph = ModelSerializer.restoreComputationGraph(file, withUpdaterState);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a DL4J model file DL4J can restore (" + e.getMessage() + ")", e);
        }
        FastLayers.install(graph);
        return graph;
    }
}
