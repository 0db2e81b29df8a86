package dev.vsgdsuite.suite.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches of an {@link ImageSet} for DL4J: float32 features NCHW {@code [n, C, H, W]} through a
 * {@link Pipeline}, labels one-hot {@code [n, classes]}.
 *
 * <p>Two kinds. {@link #train}: every epoch a fresh shuffle, a permutation derived from
 * (seed, epoch); the augmentation of batch b from (seed, epoch, b), one generator split per sample
 * in batch order; the last partial batch dropped (as the authors' {@code drop_last}). So a run is a
 * function of its seed, never of thread timing. {@link #eval}: the images in order, a
 * deterministic pipeline, the last partial batch kept, so every image is scored once.
 *
 * <p>Batches are built ahead on one daemon thread into a queue of {@value #PREFETCH}, overlapping
 * augmentation with training. {@link #reset()} stops that thread and starts the next epoch (the
 * epoch number advances only if the current one was started, so a reset before the first batch,
 * which some callers do, does not skip epoch 0). An exception on the worker reaches the caller from
 * {@link #next()}, wrapped in an {@link IllegalStateException} naming the batch. DL4J's own async
 * wrapper is declined ({@link #asyncSupported()} is false) because it would only add a second queue.
 */
public final class ImageBatches implements DataSetIterator, AutoCloseable {

    private static final long serialVersionUID = 1L;
    /** Batches built ahead of the consumer. */
    public static final int PREFETCH = 3;
    private static final long PERMUTATION_STREAM = 0x5045524dL;
    private static final long AUGMENT_STREAM = 0x41554744L;

    private final transient ImageSet set;
    private final transient Pipeline pipeline;
    private final int batchSize;
    private final long seed;
    private final boolean training;
    private final int batchesPerEpoch;

    private int epoch;
    private boolean epochStarted;
    private int served;
    private transient Worker worker;
    private transient DataSetPreProcessor preProcessor;

    private ImageBatches(ImageSet set, Pipeline pipeline, int batchSize, long seed, boolean training) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        pipeline.checkFits(set);
        this.set = set;
        this.pipeline = pipeline;
        this.batchSize = batchSize;
        this.seed = seed;
        this.training = training;
        this.batchesPerEpoch = training ? set.size() / batchSize : (set.size() + batchSize - 1) / batchSize;
        if (training && batchesPerEpoch == 0) {
            throw new IllegalArgumentException(set.name() + " has " + set.size() + " images, fewer than one training "
                    + "batch of " + batchSize + " (the last partial batch is dropped)");
        }
    }

    /** Shuffled, augmented batches of {@code batchSize}; everything derived from {@code seed}; last partial dropped. */
    public static ImageBatches train(ImageSet set, Pipeline augment, int batchSize, long seed) {
        return new ImageBatches(set, augment, batchSize, seed, true);
    }

    /** The images in order through a deterministic pipeline; the last partial batch kept. */
    public static ImageBatches eval(ImageSet set, Pipeline pipeline, int batchSize) {
        if (pipeline.isRandom()) {
            throw new IllegalArgumentException("eval batches need a deterministic pipeline (a test pipeline), got "
                    + pipeline);
        }
        return new ImageBatches(set, pipeline, batchSize, 0, false);
    }

    @Override
    public boolean hasNext() {
        epochStarted = true;
        return served < batchesPerEpoch;
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " of " + set.name() + " has " + batchesPerEpoch
                    + " batches, all served; call reset() for the next epoch");
        }
        if (worker == null) {
            worker = new Worker(epoch, served);
        }
        DataSet batch = worker.take(served);
        served++;
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next(int num) {
        if (num != batchSize) {
            throw new UnsupportedOperationException("batches have a fixed size of " + batchSize + ", asked for " + num);
        }
        return next();
    }

    /** Stops the prefetching and moves to the start of the next epoch (the same epoch if it had not started). */
    @Override
    public void reset() {
        stopWorker();
        if (training && epochStarted) {
            epoch++;
        }
        served = 0;
        epochStarted = false;
    }

    /** Jumps to the start of epoch {@code e} (e.g. when resuming a run). */
    public void startEpoch(int e) {
        if (e < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + e);
        }
        stopWorker();
        epoch = e;
        served = 0;
        epochStarted = false;
    }

    /**
     * Positions the iterator at batch {@code batch} of epoch {@code e}: the next batch served is exactly
     * the one an uninterrupted pass would serve there (order and augmentation derive from seed, epoch
     * and batch index), which is what resuming a killed run needs.
     */
    public void startAt(int e, int batch) {
        if (batch < 0 || batch > batchesPerEpoch) {
            throw new IllegalArgumentException("batch must be in [0, " + batchesPerEpoch + "], got " + batch);
        }
        startEpoch(e);
        served = batch;
        epochStarted = batch > 0;
    }

    /** Stops the prefetch thread; the iterator can still be used after {@link #reset()}. */
    @Override
    public void close() {
        stopWorker();
    }

    private void stopWorker() {
        if (worker != null) {
            worker.stop();
            worker = null;
        }
    }

    /** The current epoch, from 0. */
    public int epoch() {
        return epoch;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The order in which epoch {@code e} visits the images: a permutation from (seed, e), or 0..n-1 for eval. */
    public int[] order(int e) {
        int n = set.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (training) {
            SplittableRandom rng = new SplittableRandom(mix(seed, PERMUTATION_STREAM, e));
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Batch {@code b} of epoch {@code e}, built on the calling thread (what the worker does). */
    DataSet buildBatch(int e, int b, int[] order) {
        int from = b * batchSize;
        int n = Math.min(batchSize, set.size() - from);
        int pixels = set.pixelsPerImage();
        int classes = set.numClasses();
        float[] features = new float[n * pixels];
        float[] labels = new float[n * classes];
        SplittableRandom batchRng = new SplittableRandom(training ? mix(seed, AUGMENT_STREAM, e, b) : 0);
        for (int k = 0; k < n; k++) {
            int index = order[from + k];
            SplittableRandom sampleRng = batchRng.split();
            float[] x = pipeline.apply(set.image(index), sampleRng);
            System.arraycopy(x, 0, features, k * pixels, pixels);
            labels[k * classes + set.label(index)] = 1f;
        }
        INDArray f = Nd4j.create(features, new long[] {n, set.channels(), set.height(), set.width()}, DataType.FLOAT);
        INDArray l = Nd4j.create(labels, new long[] {n, classes}, DataType.FLOAT);
        return new DataSet(f, l);
    }

    /** SplitMix64's finaliser folded over the parts: well-separated seeds for (seed, stream, epoch, batch). */
    static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = fmix(h ^ fmix(p + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int inputColumns() {
        return set.pixelsPerImage();
    }

    @Override
    public int totalOutcomes() {
        return set.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** The class names of the set (e.g. the wnids), or null. */
    @Override
    public List<String> getLabels() {
        return set.classNames();
    }

    @Override
    public String toString() {
        return (training ? "train" : "eval") + " batches of " + batchSize + " from " + set.name() + " through "
                + pipeline.name() + ", epoch " + epoch;
    }

    /** A failure on the worker, delivered in place of the batch it was building. */
    private record Failure(int batch, Throwable cause) {}

    /** The prefetch thread of one epoch, building batches {@code first..} into its own queue. */
    private final class Worker implements Runnable {
        private final int workerEpoch;
        private final int first;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(PREFETCH);
        private final Thread thread;

        Worker(int workerEpoch, int first) {
            this.workerEpoch = workerEpoch;
            this.first = first;
            this.thread = new Thread(this, "ImageBatches-" + set.name() + "-epoch" + workerEpoch);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            int b = first;
            try {
                int[] order = order(workerEpoch);
                for (; b < batchesPerEpoch; b++) {
                    queue.put(buildBatch(workerEpoch, b, order));
                }
            } catch (InterruptedException stopped) {
                // reset() or close(): nobody waits for the rest
            } catch (Throwable t) {
                try {
                    queue.put(new Failure(b, t));
                } catch (InterruptedException stopped) {
                    // stopped while reporting: the consumer is gone
                }
            }
        }

        DataSet take(int batchIndex) {
            try {
                while (true) {
                    Object item = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (item instanceof DataSet ds) {
                        return ds;
                    }
                    if (item instanceof Failure f) {
                        throw new IllegalStateException("Preparing batch " + f.batch() + " of epoch " + workerEpoch
                                + " of " + set.name() + " failed: " + f.cause(), f.cause());
                    }
                    if (!thread.isAlive() && queue.isEmpty()) {
                        throw new IllegalStateException("The batch thread of " + set.name() + " ended before batch "
                                + batchIndex + " of epoch " + workerEpoch + " (after an earlier failure?); call "
                                + "reset()");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for batch " + batchIndex + " of "
                        + set.name(), e);
            }
        }

        void stop() {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
