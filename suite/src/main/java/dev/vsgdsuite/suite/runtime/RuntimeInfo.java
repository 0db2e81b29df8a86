package dev.vsgdsuite.suite.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a run ran on: recorded beside results so that numbers from different machines are never
 * compared blind.
 *
 * @param backend        nd4j backend (CPU or CUDA)
 * @param nativeBuild    folder of the loaded native library, which names the classifier
 * @param backendArtifact the Maven artifact of the backend
 * @param dl4jVersion    DL4J / nd4j version
 * @param oneDnn         nd4j-native uses oneDNN
 * @param layerHelpers   DL4J creates cuDNN/oneDNN layer helpers
 * @param nativeThreads  native (OpenMP) threads nd4j uses
 * @param ompNumThreads  the OMP_NUM_THREADS environment variable, or null
 * @param cores          cores the JVM sees
 * @param cpu            CPU model
 * @param gpu            GPU description, or null on CPU
 * @param dataType       nd4j default floating-point type
 * @param path           the code that runs: {@code cpu} (host kernels, oneDNN, the suite's SIMD layers),
 *                       {@code cuda}, or {@code cuda-emulated} (the CPU backend running the code CUDA
 *                       runs, {@code -Dvsgd.emulateCuda=true}); null (and left out of the JSON) in results
 *                       written before it was recorded
 *
 * The JSON form (snake_case keys) is the {@code runtime} object of {@code result.json}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RuntimeInfo(String backend, String nativeBuild, String backendArtifact, String dl4jVersion,
                          @JsonProperty("onednn") boolean oneDnn, boolean layerHelpers, int nativeThreads, String ompNumThreads,
                          int cores, String cpu, String gpu, String dataType,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String path) {

    /** The annotations alone fix the JSON form, so a plain mapper (not train's, which depends on this package) converts. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The value of {@link #path()} for the CUDA-path emulation. */
    public static final String CUDA_EMULATED = "cuda-emulated";

    public String summary() {
        return String.format("nd4j %s backend %s%s (%s, native build %s), oneDNN %s, DL4J layer helpers %s, "
                        + "%d native threads (OMP_NUM_THREADS=%s) on %d cores, %s%s",
                dl4jVersion, backend, CUDA_EMULATED.equals(path) ? " running the CUDA path (-Dvsgd.emulateCuda=true)" : "",
                backendArtifact, nativeBuild, oneDnn ? "on" : "off",
                layerHelpers ? "on" : "off", nativeThreads, ompNumThreads == null ? "unset" : ompNumThreads,
                cores, cpu, gpu == null ? "" : ", GPU " + gpu);
    }

    /** The JSON form (as in {@code result.json}) as an ordered map, for listings. */
    public Map<String, Object> asMap() {
        return MAPPER.convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
