package dev.vsgdsuite.suite.runtime;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps the process's resident memory under a limit by collecting garbage between training
 * iterations. nd4j frees an array's native memory only when the garbage collector finds the array
 * unreachable, and the GC runs for the heap, not for native memory: without a limit a large network
 * grows until the kernel kills the process.
 *
 * <p>JavaCPP can keep the same limit itself ({@code org.bytedeco.javacpp.maxphysicalbytes}), but it
 * reads the resident size at every native allocation, which is every array or view nd4j makes: a
 * tenth of the demo network's iteration (docs/PERFORMANCE.md). Read once per iteration it costs a
 * few microseconds. JavaCPP's own cheap check, {@code maxbytes} (its count of what it allocated),
 * still runs at every allocation, so one iteration cannot run away between two checks.
 *
 * <p>Over the limit, the check does what JavaCPP does: it collects, waits for the freed arrays'
 * memory to be returned, and reads again, a few times; still over, it throws, so that the run ends
 * with a message instead of the machine's OOM killer (exit code 1, the run's result.json "failed"
 * with the message).
 */
public final class ResidentLimit {

    /** Collections tried before giving up, as JavaCPP's {@code maxretries} default. */
    static final int RETRIES = 10;

    /** JavaCPP's {@code Pointer.trimMemory()}, or null where this JavaCPP has none or refuses access. */
    private static final Method TRIM = trimMethod();
    private static final ResidentLimit OFF = new ResidentLimit(0, () -> 0, () -> { });

    private final long limitBytes;
    private final LongSupplier residentBytes;
    private final Runnable collect;

    /**
     * @param limitBytes    the limit; 0 or less: no limit
     * @param residentBytes the process's resident size now
     * @param collect       one collection, returning when what it freed is likely returned
     */
    ResidentLimit(long limitBytes, LongSupplier residentBytes, Runnable collect) {
        this.limitBytes = Math.max(0, limitBytes);
        this.residentBytes = residentBytes;
        this.collect = collect;
    }

    /**
     * The limit of {@code -Dsuite.residentLimit} (bytes, or with a k, m, g or t suffix), or none
     * where it is unset.
     *
     * @throws IllegalArgumentException one line naming the property, when its value is not a size
     */
    public static ResidentLimit configured() {
        String raw = SuiteSwitches.RESIDENT_LIMIT.value();
        if (raw == null) {
            return OFF;
        }
        return new ResidentLimit(parse(raw), () -> Pointer.physicalBytesInaccurate(Long.MAX_VALUE),
                ResidentLimit::collectAndWait);
    }

    /** {@code raw} as bytes: a whole number with an optional k, m, g or t (powers of 1024). */
    static long parse(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        int suffix = "kmgt".indexOf(s.isEmpty() ? ' ' : s.charAt(s.length() - 1));
        if (suffix >= 0) {
            unit = 1L << (10 * (suffix + 1));
            s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SuiteSwitches.RESIDENT_LIMIT.name() + " = " + raw
                    + " is not a size: give bytes, or a number with k, m, g or t (e.g. 18g), or 0 for no limit");
        }
    }

    /** The limit in bytes; 0: none. */
    public long limitBytes() {
        return limitBytes;
    }

    /**
     * Collects until the resident size is under the limit; returns the collections it took.
     *
     * @throws IllegalStateException when {@link #RETRIES} collections leave it over the limit
     */
    public int check() {
        if (limitBytes == 0) {
            return 0;
        }
        long bytes = residentBytes.getAsLong();
        int collections = 0;
        while (bytes > limitBytes && collections < RETRIES) {
            collect.run();
            collections++;
            bytes = residentBytes.getAsLong();
        }
        if (bytes > limitBytes) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "resident memory %,d MiB is over -D%s=%,d MiB after %d garbage collections: the network and "
                            + "batch need more memory than the limit allows; raise the limit (where the machine has "
                            + "the memory) or lower the batch size", bytes >> 20, SuiteSwitches.RESIDENT_LIMIT.name(),
                    limitBytes >> 20, collections));
        }
        return collections;
    }

    /**
     * A full collection, a pause for the reference queue to fill, nd4j's freed arrays deallocated, and
     * the C allocator's free memory handed back to the system (JavaCPP's private {@code trimMemory},
     * {@code malloc_trim} on Linux: without it freed native memory stays resident), as JavaCPP's own
     * loop does.
     */
    private static void collectAndWait() {
        System.gc();
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pointer.deallocateReferences();
        if (TRIM != null) {
            try {
                TRIM.invoke(null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // not trimmed: the next read shows what the collection alone freed
            }
        }
    }

    private static Method trimMethod() {
        try {
            Method m = Pointer.class.getDeclaredMethod("trimMemory");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
