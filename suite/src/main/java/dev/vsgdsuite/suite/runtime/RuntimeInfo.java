package dev.vsgdsuite.suite.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

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
 */
public record RuntimeInfo(String backend, String nativeBuild, String backendArtifact, String dl4jVersion,
                          boolean oneDnn, boolean layerHelpers, int nativeThreads, String ompNumThreads,
                          int cores, String cpu, String gpu, String dataType) {

    public String summary() {
        return String.format("nd4j %s backend %s (%s, native build %s), oneDNN %s, DL4J layer helpers %s, "
                        + "%d native threads (OMP_NUM_THREADS=%s) on %d cores, %s%s",
                dl4jVersion, backend, backendArtifact, nativeBuild, oneDnn ? "on" : "off",
                layerHelpers ? "on" : "off", nativeThreads, ompNumThreads == null ? "unset" : ompNumThreads,
                cores, cpu, gpu == null ? "" : ", GPU " + gpu);
    }

    /** Flat key/value form for reports and result files. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("native_build", nativeBuild);
        m.put("backend_artifact", backendArtifact);
        m.put("dl4j_version", dl4jVersion);
        m.put("onednn", oneDnn);
        m.put("layer_helpers", layerHelpers);
        m.put("native_threads", nativeThreads);
        m.put("omp_num_threads", ompNumThreads);
        m.put("cores", cores);
        m.put("cpu", cpu);
        m.put("gpu", gpu);
        m.put("data_type", dataType);
        return m;
    }
}
