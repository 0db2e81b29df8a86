package dev.vsgdsuite.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

class ImageBatchesTest {

    private static final Pipeline IDENTITY_1PX = new Pipeline("identity", 1, 1, 1, List.of());
    private static final Pipeline AUGMENT_8PX = new Pipeline("augment", 3, 8, 8,
            List.of(new RandomCrop(2), new HorizontalFlip(0.5), new ColorJitter(0.2, 0.2, 0.2)));

    /** The image indices of a batch of {@link TestImages#indexed} images (pixel value = index). */
    private static int[] indices(DataSet batch) {
        float[] f = batch.getFeatures().data().asFloat();
        int[] idx = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            idx[i] = Math.round(f[i] * 255);
        }
        return idx;
    }

    private static List<float[]> epoch(ImageBatches it) {
        List<float[]> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next().getFeatures().data().asFloat());
        }
        return out;
    }

    @Test
    void batchesAreNchwFloatWithOneHotLabels() {
        ImageSet set = TestImages.random("s", 10, 3, 4, 5, 3, 1);
        ImageBatches it = ImageBatches.eval(set, new Pipeline("p", 3, 4, 5, List.of()), 4);
        DataSet first = it.next();

        assertThat(first.getFeatures().shape()).containsExactly(4, 3, 4, 5);
        assertThat(first.getFeatures().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(first.getLabels().shape()).containsExactly(4, 3);
        assertThat(first.getLabels().dataType()).isEqualTo(DataType.FLOAT);
        for (int n = 0; n < 4; n++) {
            for (int k = 0; k < 3; k++) {
                assertThat(first.getLabels().getFloat(n, k)).isEqualTo(k == set.label(n) ? 1f : 0f);
            }
            // channel 2, row 3, column 4 of image n, i.e. the last byte
            assertThat(first.getFeatures().getFloat(n, 2, 3, 4)).isEqualTo((set.image(n)[59] & 0xff) / 255f);
        }
        assertThat(it.inputColumns()).isEqualTo(60);
        assertThat(it.totalOutcomes()).isEqualTo(3);
        assertThat(it.asyncSupported()).isFalse();
        it.close();
    }

    @Test
    void evalKeepsTheLastPartialBatchInOrderAndTrainDropsIt() {
        ImageSet set = TestImages.indexed(10, 2);
        ImageBatches eval = ImageBatches.eval(set, IDENTITY_1PX, 4);
        List<int[]> seen = new ArrayList<>();
        while (eval.hasNext()) {
            seen.add(indices(eval.next()));
        }
        assertThat(seen).containsExactly(new int[] {0, 1, 2, 3}, new int[] {4, 5, 6, 7}, new int[] {8, 9});

        ImageBatches train = ImageBatches.train(set, IDENTITY_1PX, 4, 1);
        Set<Integer> served = new HashSet<>();
        int batches = 0;
        while (train.hasNext()) {
            int[] idx = indices(train.next());
            assertThat(idx).hasSize(4);
            for (int i : idx) {
                assertThat(served.add(i)).as("image %d served twice", i).isTrue();
            }
            batches++;
        }
        assertThat(batches).isEqualTo(2).isEqualTo(train.batchesPerEpoch());
        assertThatThrownBy(train::next).hasMessageContaining("call reset()");
        eval.close();
        train.close();
    }

    @Test
    void theSameSeedGivesIdenticalBatchesRunToRunAndAnotherSeedDoesNot() {
        ImageSet set = TestImages.random("r", 40, 3, 8, 8, 4, 2);
        List<float[]> a = twoEpochs(set, 7);
        List<float[]> b = twoEpochs(set, 7);
        List<float[]> c = twoEpochs(set, 8);
        assertThat(a).hasSize(10);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).as("batch %d", i).containsExactly(b.get(i));
            assertThat(a.get(i)).as("batch %d, other seed", i).isNotEqualTo(c.get(i));
        }
    }

    private static List<float[]> twoEpochs(ImageSet set, long seed) {
        try (ImageBatches it = ImageBatches.train(set, AUGMENT_8PX, 8, seed)) {
            List<float[]> batches = epoch(it);
            it.reset();
            batches.addAll(epoch(it));
            return batches;
        }
    }

    @Test
    void everyEpochHasItsOwnOrderAndAResetBeforeTheFirstBatchDoesNotSkipEpochZero() {
        ImageSet set = TestImages.indexed(64, 4);
        try (ImageBatches it = ImageBatches.train(set, IDENTITY_1PX, 8, 3)) {
            it.reset();
            assertThat(it.epoch()).isZero();
            List<Integer> first = order(it);
            it.reset();
            assertThat(it.epoch()).isEqualTo(1);
            List<Integer> second = order(it);

            assertThat(first).doesNotHaveDuplicates().hasSize(64).isNotEqualTo(second);
            assertThat(second).containsExactlyInAnyOrderElementsOf(first);
            assertThat(first).containsExactly(java.util.Arrays.stream(it.order(0)).boxed().toArray(Integer[]::new));
        }
    }

    private static List<Integer> order(ImageBatches it) {
        List<Integer> order = new ArrayList<>();
        while (it.hasNext()) {
            for (int i : indices(it.next())) {
                order.add(i);
            }
        }
        return order;
    }

    @Test
    void aResetMidEpochStopsThePrefetchThreadAndTheNextEpochIsUnaffected() throws InterruptedException {
        ImageSet set = TestImages.random("resetcheck", 64, 3, 8, 8, 4, 3);
        List<float[]> expected;
        try (ImageBatches reference = ImageBatches.train(set, AUGMENT_8PX, 4, 11)) {
            reference.startEpoch(1);
            expected = epoch(reference);
        }
        try (ImageBatches it = ImageBatches.train(set, AUGMENT_8PX, 4, 11)) {
            it.next(); // the worker now fills its queue of PREFETCH batches ahead
            Thread.sleep(50);
            assertThat(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("ImageBatches-resetcheck-epoch0") && t.isAlive()).toList())
                    .as("one prefetch thread, a daemon").singleElement().matches(Thread::isDaemon);
            it.reset();
            assertThat(liveThreads("ImageBatches-resetcheck-epoch0")).as("epoch 0 worker stopped by reset").isZero();
            List<float[]> actual = epoch(it);
            assertThat(actual).hasSize(16);
            for (int i = 0; i < 16; i++) {
                assertThat(actual.get(i)).as("batch %d", i).containsExactly(expected.get(i));
            }
        }
        assertThat(liveThreads("ImageBatches-resetcheck-")).as("close stops the worker").isZero();
    }

    @Test
    void startAtServesTheBatchesAnUninterruptedPassWouldServeThere() {
        ImageSet set = TestImages.random("resume", 48, 3, 8, 8, 4, 4);
        List<float[]> full;
        try (ImageBatches reference = ImageBatches.train(set, AUGMENT_8PX, 4, 5)) {
            epoch(reference);
            reference.reset();
            full = epoch(reference); // epoch 1, 12 batches
        }
        try (ImageBatches resumed = ImageBatches.train(set, AUGMENT_8PX, 4, 5)) {
            resumed.startAt(1, 7);
            List<float[]> rest = epoch(resumed);
            assertThat(rest).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(rest.get(i)).as("batch %d", 7 + i).containsExactly(full.get(7 + i));
            }
            resumed.reset();
            assertThat(resumed.epoch()).isEqualTo(2);
        }
    }

    private static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
    }

    @Test
    void anExceptionOnTheWorkerReachesTheCallerAndDoesNotHang() {
        AtomicInteger calls = new AtomicInteger();
        ImageTransform failOnFifth = new ImageTransform() {
            @Override
            public float[] apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
                if (calls.incrementAndGet() == 5) {
                    throw new IllegalArgumentException("boom in the pipeline");
                }
                return chw;
            }

            @Override
            public boolean isRandom() {
                return true;
            }
        };
        Pipeline failing = new Pipeline("failing", 1, 1, 1, List.of(failOnFifth));
        try (ImageBatches it = ImageBatches.train(TestImages.indexed(20, 2), failing, 2, 0)) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                it.next();
                it.next();
                assertThatThrownBy(it::next)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Preparing batch 2 of epoch 0 of indexed failed")
                        .hasRootCauseMessage("boom in the pipeline");
                assertThatThrownBy(it::next).hasMessageContaining("ended before batch 2");
                it.reset(); // a fresh worker; the transform fails only once
                assertThat(epoch(it)).hasSize(10);
            });
        }
    }

    @Test
    void misuseIsRejectedWithAReason() {
        ImageSet set = TestImages.random("small", 3, 3, 8, 8, 2, 1);
        assertThatThrownBy(() -> ImageBatches.eval(set, AUGMENT_8PX, 2))
                .hasMessageContaining("eval batches need a deterministic pipeline");
        assertThatThrownBy(() -> ImageBatches.train(set, AUGMENT_8PX, 4, 0))
                .hasMessageContaining("small has 3 images, fewer than one training batch of 4");
        assertThatThrownBy(() -> ImageBatches.train(set, Pipeline.cifar100Train(), 2, 0))
                .hasMessageContaining("takes 3x32x32 images");
    }
}
