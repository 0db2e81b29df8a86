package dev.vsgdsuite.suite.device;

import java.util.Locale;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.nativeblas.NativeOpsHolder;

/** Memory in use: on the GPU (the device's total less its free memory) and by the process (resident set). */
final class Memory {

    private Memory() {}

    /** Bytes in use on device {@code d}: total − free, as the driver reports it (other processes included). */
    static long gpuUsed(int d) {
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        return ops.getDeviceTotalMemory(d) - ops.getDeviceFreeMemory(d);
    }

    /** The process's resident memory (Java heap, nd4j's host buffers, natives), as JavaCPP reads it. */
    static long resident() {
        return Pointer.physicalBytes();
    }

    /** "1.25 GiB", "512 MiB". */
    static String bytes(long b) {
        if (b < 0) {
            return "?";
        }
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", b / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MiB", b / (double) (1L << 20));
    }
}
