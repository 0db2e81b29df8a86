package dev.vsgdsuite.suite.device;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vsgdsuite.suite.schema.ConfigException;

/**
 * What gpu-check compares a device against: for each network, from one seed on the CPU's emulated
 * CUDA path ({@code -Dvsgd.emulateCuda=true}), the initial network's output for the first example and
 * the training loss of each optimizer's first iterations. Written by {@code gpu-check --write-reference}
 * into {@code fixtures/gpu-check-reference.json}; {@code GpuCheckReferenceTest} recomputes one network
 * on every test run, so the file cannot silently fall behind the code.
 *
 * @param provenance how the file was made (command, commit, date, runtime)
 * @param batchSize  images per iteration
 * @param iterations training iterations per optimizer
 * @param lr         every optimizer's learning rate
 * @param networks   by experiment name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckReference(Map<String, String> provenance, @JsonProperty("batch_size") int batchSize, int iterations,
                             double lr, Map<String, Network> networks) {

    /** The file's name under fixtures/. */
    public static final String FILE = "gpu-check-reference.json";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * One network's reference.
     *
     * @param model   the network's name
     * @param seed    the seed of the weights and the images
     * @param outputs the initial network's class probabilities for the first image
     * @param losses  each optimizer's training loss after iterations 1, 2, … (the loss of the batch the
     *                iteration trained on, before its step)
     */
    public record Network(String model, long seed, List<Float> outputs, Map<String, List<Double>> losses) {}

    public static CheckReference read(Path file) {
        try {
            return JSON.readValue(file.toFile(), CheckReference.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(file + ": not a gpu-check reference (" + e.getOriginalMessage()
                    + "); write it again with: VSGD_JAVA_OPTS=-Dvsgd.emulateCuda=true ./vsgd-suite gpu-check --write-reference");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage()
                    + "); write it again with: VSGD_JAVA_OPTS=-Dvsgd.emulateCuda=true ./vsgd-suite gpu-check --write-reference");
        }
    }

    public void write(Path file) throws IOException {
        dev.vsgdsuite.suite.runtime.AtomicFiles.write(file, JSON.writeValueAsBytes(this));
    }

    /** A reference of the given networks, in their order. */
    public static CheckReference of(Map<String, String> provenance, int batchSize, int iterations, double lr,
                                    List<NetworkCheck> checks) {
        Map<String, Network> networks = new LinkedHashMap<>();
        for (NetworkCheck c : checks) {
            networks.put(c.experiment(), c.asReference());
        }
        return new CheckReference(provenance, batchSize, iterations, lr, networks);
    }
}
