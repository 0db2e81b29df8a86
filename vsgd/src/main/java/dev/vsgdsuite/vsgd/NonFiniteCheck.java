package dev.vsgdsuite.vsgd;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The non-finite-gradient check of every {@link BlockUpdater}, once per iteration. DL4J hands each
 * parameter block a view of one flattened gradient array and subtracts the updates from the
 * parameters only after every block has stepped, so the first block of an iteration scans the whole
 * array: a NaN or ±Inf anywhere stops the iteration before any block's state or any parameter is
 * written, and the blocks after it skip the scan. On a device that is one reduction and one scalar
 * read per iteration instead of one per block.
 *
 * <p>An iteration is a round per thread: the same gradient buffer, the same (iteration, epoch), each
 * block at most once. A block seen again, another buffer or another iteration starts a new round with
 * a new scan, so a caller that reuses one gradient array is still checked every step.
 */
final class NonFiniteCheck {

    private static final ThreadLocal<Round> ROUND = new ThreadLocal<>();
    private static final AtomicLong SCANS = new AtomicLong();

    private NonFiniteCheck() {}

    /** How many whole-gradient scans ran in this JVM (tests count them per iteration). */
    static long scans() {
        return SCANS.get();
    }

    /**
     * Throws {@link NonFiniteGradientException} when the gradient array {@code blockGradient} is a view
     * of holds a non-finite value, unless this round's scan already covered it.
     *
     * @param onHost scan through host memory (the host kernels' backend), else with an nd4j reduction
     */
    static void require(String optimizer, long step, INDArray blockGradient, int iteration, int epoch, boolean onHost) {
        DataBuffer buffer = wholeBuffer(blockGradient);
        Round round = ROUND.get();
        if (round != null && round.covers(buffer, iteration, epoch, blockGradient.offset())) {
            return;
        }
        SCANS.incrementAndGet();
        INDArray whole = Nd4j.create(buffer, new long[] {buffer.length()}, new long[] {1}, 0, 'c', buffer.dataType());
        long bad = onHost && HostArrays.contiguousFloats(whole) ? firstOnHost(whole) : firstOnDevice(whole);
        if (bad >= 0) {
            ROUND.remove();
            throw new NonFiniteGradientException(optimizer, step, blockGradient.offset(), blockGradient.length(),
                    whole.length(), bad, whole.getFloat(bad));
        }
        ROUND.set(new Round(buffer, iteration, epoch, blockGradient.offset()));
    }

    /**
     * The buffer a block's gradient is a view of: the array's own for the first block (offset 0), the
     * original under the view buffer nd4j makes for a view at an offset.
     */
    private static DataBuffer wholeBuffer(INDArray array) {
        DataBuffer data = array.data();
        return data.originalDataBuffer() != null ? data.originalDataBuffer() : data;
    }

    /** One reduction and one scalar read; the index is looked for only when something is there. */
    private static long firstOnDevice(INDArray whole) {
        if (!BooleanIndexing.or(whole, Conditions.notFinite())) {
            return -1;
        }
        return BooleanIndexing.firstIndex(whole, Conditions.notFinite()).getLong(0);
    }

    /** The host kernels' scan, split over the cores like a step. */
    private static long firstOnHost(INDArray whole) {
        ByteBuffer g = HostArrays.bytes(whole);
        boolean simd = HostArrays.simd();
        AtomicInteger first = new AtomicInteger(Integer.MAX_VALUE);
        HostArrays.inChunks((int) whole.length(), BlockUpdater.PARALLEL_MIN, (from, to) -> {
            int bad = simd ? VsgdVectorStep.firstNonFinite(g, from, to) : VsgdStep.firstNonFinite(g.asFloatBuffer(), from, to);
            if (bad >= 0) {
                first.accumulateAndGet(bad, Math::min);
            }
        });
        return first.get() == Integer.MAX_VALUE ? -1 : first.get();
    }

    /** The blocks one scan covered. The buffer is held weakly: a round never keeps a network's memory alive. */
    private static final class Round {
        private final WeakReference<DataBuffer> buffer;
        private final int iteration;
        private final int epoch;
        private final Set<Long> blocks = new HashSet<>();

        Round(DataBuffer buffer, int iteration, int epoch, long firstBlock) {
            this.buffer = new WeakReference<>(buffer);
            this.iteration = iteration;
            this.epoch = epoch;
            blocks.add(firstBlock);
        }

        boolean covers(DataBuffer b, int iteration, int epoch, long block) {
            return buffer.get() == b && this.iteration == iteration && this.epoch == epoch && blocks.add(block);
        }
    }
}
