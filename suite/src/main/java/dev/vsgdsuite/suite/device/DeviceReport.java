package dev.vsgdsuite.suite.device;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import dev.vsgdsuite.suite.runtime.RuntimeInfo;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * What nd4j runs on: its backend, and on CUDA each device (name, compute capability, memory), the
 * driver's and the runtime's CUDA versions and cuDNN's. The versions are asked of JavaCPP's CUDA
 * bindings ({@code org.bytedeco.cuda}), which only the {@code -Pcuda} build has on its class path,
 * so they are looked up by name: the default build compiles and says "not in this build".
 *
 * @param startFailure why the backend did not start, or null when it did
 */
public record DeviceReport(RuntimeInfo runtime, String startFailure, List<Gpu> gpus, Map<String, String> cuda,
                           String nativeBuildInfo) {

    /** One CUDA device as nd4j sees it. */
    public record Gpu(int index, String name, int major, int minor, long totalBytes, long freeBytes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "#%d %s, compute capability %d.%d, %s total, %s free", index, name,
                    major, minor, Memory.bytes(totalBytes), Memory.bytes(freeBytes));
        }
    }

    /** True when nd4j runs on CUDA with at least one device. */
    public boolean hasGpu() {
        return startFailure == null && runtime.backend().toUpperCase(Locale.ROOT).contains("CUDA") && !gpus.isEmpty();
    }

    /** nd4j's state now: starts the backend if needed; a failure to start is reported, not thrown. */
    public static DeviceReport probe() {
        RuntimeInfo runtime;
        try {
            runtime = Dl4jRuntime.init();
        } catch (RuntimeException | LinkageError e) {
            return new DeviceReport(null, rootMessage(e), List.of(), cudaVersions(), null);
        }
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        List<Gpu> gpus = new ArrayList<>();
        if (runtime.backend().toUpperCase(Locale.ROOT).contains("CUDA")) {
            for (int d = 0; d < ops.getAvailableDevices(); d++) {
                gpus.add(new Gpu(d, ops.getDeviceName(d), ops.getDeviceMajor(d), ops.getDeviceMinor(d),
                        ops.getDeviceTotalMemory(d), ops.getDeviceFreeMemory(d)));
            }
        }
        String buildInfo;
        try {
            buildInfo = ops.buildInfo();
        } catch (RuntimeException | LinkageError e) {
            buildInfo = "unknown (" + rootMessage(e) + ")";
        }
        return new DeviceReport(runtime, null, gpus, cudaVersions(), buildInfo);
    }

    /** The report as the lines gpu-check prints. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (startFailure != null) {
            out.add("backend      did not start: " + startFailure);
        } else {
            out.add("backend      " + runtime.backend() + " (" + runtime.backendArtifact() + ", native build "
                    + runtime.nativeBuild() + ", nd4j " + runtime.dl4jVersion() + ")");
            out.add("cpu          " + runtime.cpu() + ", " + runtime.cores() + " cores");
        }
        if (gpus.isEmpty()) {
            out.add("gpu          none");
        }
        gpus.forEach(g -> out.add("gpu          " + g));
        cuda.forEach((k, v) -> out.add(String.format(Locale.ROOT, "%-12s %s", k, v)));
        if (nativeBuildInfo != null) {
            out.add("libnd4j      " + nativeBuildInfo.strip().replaceAll("\\s*\\R\\s*", "; "));
        }
        return out;
    }

    /** The CUDA driver, runtime and cuDNN versions JavaCPP's bindings report, or why not. */
    static Map<String, String> cudaVersions() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("libcuda", driverLibrary());
        out.put("cuda driver", intVersion("org.bytedeco.cuda.global.cudart", "cudaDriverGetVersion"));
        out.put("cuda runtime", intVersion("org.bytedeco.cuda.global.cudart", "cudaRuntimeGetVersion"));
        out.put("cudnn", cudnnVersion());
        return out;
    }

    /**
     * Where the NVIDIA driver's {@code libcuda.so.1} is, or that it is not where the loader looks: the
     * usual reason a CUDA build does not start, which nd4j's own message does not name.
     */
    static String driverLibrary() {
        List<String> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            dirs.addAll(List.of(ld.split(":")));
        }
        dirs.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/nvidia/lib64",
                "/usr/lib/wsl/lib"));
        for (String d : dirs) {
            if (!d.isBlank() && Files.exists(Path.of(d, "libcuda.so.1"))) {
                return Path.of(d, "libcuda.so.1").toString();
            }
        }
        return "libcuda.so.1 (the NVIDIA driver) not found in LD_LIBRARY_PATH or /usr/lib*";
    }

    /** A CUDA {@code int} version (12040 = 12.4) from a {@code cudaXGetVersion(int[])} binding. */
    private static String intVersion(String className, String method) {
        try {
            Method m = Class.forName(className).getMethod(method, int[].class);
            int[] v = new int[1];
            int status = (Integer) m.invoke(null, (Object) v);
            if (status != 0) {
                return "unavailable (" + method + " returned CUDA error " + status + ")";
            }
            return v[0] == 0 ? "none (no driver)" : (v[0] / 1000) + "." + (v[0] % 1000) / 10;
        } catch (ClassNotFoundException e) {
            return "not in this build (build with -Pcuda)";
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "unavailable (" + shortened(rootMessage(e)) + ")";
        }
    }

    private static String shortened(String message) {
        return message.length() <= 140 ? message : message.substring(0, 137) + "...";
    }

    private static String cudnnVersion() {
        try {
            long v = (Long) Class.forName("org.bytedeco.cuda.global.cudnn").getMethod("cudnnGetVersion").invoke(null);
            return (v / 1000) + "." + (v % 1000) / 100 + "." + v % 100;
        } catch (ClassNotFoundException e) {
            return "not in this build (build with -Pcuda)";
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "unavailable (" + shortened(rootMessage(e)) + ")";
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": "
                + t.getMessage();
        return msg.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
