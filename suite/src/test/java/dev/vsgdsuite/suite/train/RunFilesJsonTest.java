package dev.vsgdsuite.suite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsgdsuite.suite.report.RunRecord;
import dev.vsgdsuite.suite.runtime.RuntimeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON of run folders, key for key and number for number as earlier versions of the suite wrote
 * it: {@code result.json} (a file written before the records were mapped by Jackson is a fixture),
 * the trainer state inside checkpoints, and metrics lines.
 */
class RunFilesJsonTest {

    static final String RESULT_FIXTURE = "/train/result-before-jackson.json";

    static final RuntimeInfo RUNTIME = new RuntimeInfo("CPU", "linux-x86_64-onednn-avx2", "nd4j-native", "1.0.0-M2.1",
            true, true, 2, null, 2, "Intel(R) Xeon(R) Processor", null, "FLOAT", null);

    /** The run the fixture was written by. */
    static final RunResult FIXTURE_RUN = new RunResult("fashion_convmixer_demo", "fashion_mnist_subset",
            "convmixer_16_4_k3_p2", "vsgd", 0, 60, 0.379, 1.8200811767578124, false, null, 62.56080514999999,
            null, 5.211016679000001, new RunResult.TimeToTarget(60, 5.211016679000001),
            "/tmp/ref-before2/fashion_convmixer_demo-vsgd-seed0-20261130-061313", RUNTIME);

    static String fixture() throws Exception {
        try (InputStream in = RunFilesJsonTest.class.getResourceAsStream(RESULT_FIXTURE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void resultJsonIsWrittenByteForByteAsBefore() throws Exception {
        assertThat(Json.PRETTY.writeValueAsString(FIXTURE_RUN)).isEqualTo(fixture());
    }

    @Test
    void runResultRoundTripsThroughItsJson() throws Exception {
        assertThat(RunResult.of(Json.LINE.readTree(fixture()))).isEqualTo(FIXTURE_RUN);
        RunResult diverged = new RunResult("e", "d", "m", "sgd", 3, 7, Double.NaN, Double.NaN, true,
                "training loss NaN at iteration 7", Double.NaN, null, 0.5, null, "/runs/x", RUNTIME);
        String line = Json.LINE.writeValueAsString(diverged);
        assertThat(line).startsWith("{\"experiment\":\"e\",\"dataset\":\"d\",\"model\":\"m\",\"optimizer\":\"sgd\","
                + "\"seed\":3,\"iterations\":7,\"test_accuracy\":null,\"test_loss\":null,\"diverged\":true,"
                + "\"divergence\":\"training loss NaN at iteration 7\",\"ms_per_iter\":\"NaN\",\"train_seconds\":0.5,"
                + "\"time_to_target\":null,\"run_dir\":\"/runs/x\",\"runtime\":{\"backend\":\"CPU\",");
        assertThat(RunResult.of(Json.LINE.readTree(line))).isEqualTo(diverged);
        assertThat(diverged.asMap()).containsEntry("test_accuracy", null).containsEntry("ms_per_iter", Double.NaN);
    }

    @Test
    void runtimeInfoKeepsItsKeys() {
        assertThat(RUNTIME.asMap()).containsExactly(
                Map.entry("backend", "CPU"), Map.entry("native_build", "linux-x86_64-onednn-avx2"),
                Map.entry("backend_artifact", "nd4j-native"), Map.entry("dl4j_version", "1.0.0-M2.1"),
                Map.entry("onednn", true), Map.entry("layer_helpers", true),
                Map.entry("native_threads", 2), new SimpleEntry<>("omp_num_threads", null),
                Map.entry("cores", 2), Map.entry("cpu", "Intel(R) Xeon(R) Processor"),
                new SimpleEntry<>("gpu", null), Map.entry("data_type", "FLOAT"));
        RuntimeInfo withPath = new RuntimeInfo("CPU", "linux-x86_64-onednn-avx2", "nd4j-native", "1.0.0-M2.1", true, true, 2,
                null, 2, "Intel(R) Xeon(R) Processor", null, "FLOAT", "cuda-emulated");
        assertThat(withPath.asMap()).hasSize(13).containsEntry("path", "cuda-emulated");
    }

    @Test
    void runRecordReadsAResultWrittenBeforeJackson(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve(RunDirectory.RESULT), fixture());
        RunRecord r = RunRecord.read(run);
        assertThat(r.outcome()).isEqualTo(FIXTURE_RUN);
        assertThat(r.experiment()).isEqualTo("fashion_convmixer_demo");
        assertThat(r.dataset()).isEqualTo("fashion_mnist_subset");
        assertThat(r.model()).isEqualTo("convmixer_16_4_k3_p2");
        assertThat(r.optimizer()).isEqualTo("vsgd");
        assertThat(r.seed()).isZero();
        assertThat(r.diverged()).isFalse();
        assertThat(r.testAccuracy()).isEqualTo(0.379);
        assertThat(r.msPerIter()).isEqualTo(62.56080514999999);
        assertThat(r.timeToTarget().get("iteration").asLong()).isEqualTo(60);
        assertThat(r.result().path("runtime").path("onednn").asBoolean()).isTrue();
        assertThat(r.metrics()).isEmpty();
    }

    @Test
    void aResultWithoutTestAccuracyOrStepTimeReadsAsNaN() throws Exception {
        RunResult r = RunResult.of(Json.LINE.readTree("{\"experiment\":\"e\",\"optimizer\":\"vsgd\",\"diverged\":true,"
                + "\"test_accuracy\":null,\"some_later_key\":1}"));
        assertThat(r.testAccuracy()).isNaN();
        assertThat(r.testLoss()).isNaN();
        assertThat(r.msPerIter()).isNaN();
        assertThat(r.diverged()).isTrue();
    }

    /** As a checkpoint of the suite before Jackson mapped the state holds it (one with a time to target). */
    static final String STATE_BEFORE = "{\"iteration\":60,\"epoch\":0,\"batch_in_epoch\":60,\"validation_batch\":0,"
            + "\"train_seconds\":5.211016679000001,\"loss_sum\":0.0,\"ms_sum\":0.0,\"count\":0,\"target_iteration\":60,"
            + "\"target_seconds\":5.211016679000001,\"plateau_lr\":null,\"plateau_best\":null,\"plateau_bad\":0,"
            + "\"plateau_cooldown\":0}";

    @Test
    void trainerStateOfAnEarlierCheckpointIsReadAndWrittenUnchanged() {
        TrainerState s = TrainerState.fromJson(STATE_BEFORE);
        assertThat(s.iteration).isEqualTo(60);
        assertThat(s.batchInEpoch).isEqualTo(60);
        assertThat(s.targetIteration).isEqualTo(60);
        assertThat(s.plateauLr).isNaN();
        assertThat(s.plateauBest).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.toJson()).isEqualTo(STATE_BEFORE);
        assertThat(new TrainerState().toJson()).contains("\"target_iteration\":-1,\"target_seconds\":-1.0,");
    }

    @Test
    void trainerStateRoundTripsEveryField() {
        TrainerState s = new TrainerState();
        s.iteration = 123_456_789_012L;
        s.epoch = 3;
        s.batchInEpoch = 17;
        s.validationBatch = 9;
        s.trainSeconds = 12.5;
        s.lossSum = 4.25;
        s.msSum = 301.75;
        s.count = 5;
        s.targetIteration = 100;
        s.targetSeconds = 8.0;
        s.plateauLr = 0.005;
        s.plateauBest = 1.0625;
        s.plateauBad = 2;
        s.plateauCooldown = 1;
        TrainerState back = TrainerState.fromJson(s.toJson());
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(back.toJson()).isEqualTo(s.toJson());
    }

    @Test
    void aTrainerStateOfAnotherLayoutIsRefused() {
        assertThatThrownBy(() -> TrainerState.fromJson(STATE_BEFORE.replace("\"plateau_bad\":0,", "")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("plateau_bad");
    }

    @Test
    void metricsLinesKeepTheirKeysAndOrder(@TempDir Path run) {
        RunDirectory dir = new RunDirectory(run);
        MetricsRecorder metrics = new MetricsRecorder(dir);
        TrainerState s = new TrainerState();
        s.iteration = 30;
        metrics.addStep(s, 1.5, 60.0);
        metrics.addStep(s, 1.75, 62.0);
        MetricsLine line = new MetricsLine(30, 0);
        metrics.endInterval(s, line, 0.5, 0.01);
        line.testLoss = 3.7978095703125;
        line.testAccuracy = 0.1;
        line.valLoss = 2.0;
        line.beta1Median = 0.25;
        line.beta1Mean = 0.375;
        metrics.write(line);
        metrics.write(new MetricsLine(31, 0));                 // nothing measured: no line
        MetricsLine last = new MetricsLine(40, 1);
        last.diverged = "training loss NaN at iteration 40";
        metrics.write(last);
        List<String> lines = new ArrayList<>();
        for (JsonNode n : dir.readMetrics()) {
            lines.add(n.toString());
        }
        assertThat(lines).containsExactly(
                "{\"iteration\":30,\"epoch\":0,\"train_loss\":1.625,\"train_accuracy\":0.5,\"lr\":0.01,\"step_ms\":61.0,"
                        + "\"val_loss\":2.0,\"beta1_median\":0.25,\"beta1_mean\":0.375,\"test_loss\":3.7978095703125,"
                        + "\"test_accuracy\":0.1}",
                "{\"iteration\":40,\"epoch\":1,\"diverged\":\"training loss NaN at iteration 40\"}");
        assertThat(s.count).isZero();
        assertThat(s.lossSum).isZero();
        assertThat(metrics.steadyStepTime(40)).isEqualTo(new StepTiming(20, 1, 61.0, 61.0, 61.0));
        assertThat(metrics.steadyStepTime(1000)).as("every interval inside the warm-up window").isNull();
    }

    @Test
    void theWarmUpWindowIsTheLargerOf100AndATenthButAtMostHalfTheRun() {
        assertThat(MetricsRecorder.warmupIterations(5625)).isEqualTo(562);
        assertThat(MetricsRecorder.warmupIterations(279)).isEqualTo(100);
        assertThat(MetricsRecorder.warmupIterations(24)).isEqualTo(12);
    }

    @Test
    void stepTimingIsWrittenBesideMsPerIter() throws Exception {
        RunResult r = new RunResult("e", "d", "m", "vsgd", 0, 300, 0.5, 1.0, false, null, 30.0,
                new StepTiming(100, 20, 30.0, 28.5, 31.25), 9.0, null, "/runs/y", RUNTIME);
        String line = Json.LINE.writeValueAsString(r);
        assertThat(line).contains("\"ms_per_iter\":30.0,\"step_timing\":{\"warmup_iterations\":100,\"intervals\":20,"
                + "\"median\":30.0,\"q1\":28.5,\"q3\":31.25},\"train_seconds\":9.0");
        assertThat(RunResult.of(Json.LINE.readTree(line))).isEqualTo(r);
    }

    @Test
    void beta1HistogramKeepsItsKeys() throws Exception {
        ImplicitMomentum.Stats stats = new ImplicitMomentum.Stats(0.5, 0.5, new float[] {0f, 0.5f, 0.999f, 1f});
        JsonNode h = Json.LINE.valueToTree(stats.histogram());
        List<String> keys = new ArrayList<>();
        h.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("bins", "counts", "median", "mean", "sampled");
        assertThat(h.get("counts").get(0).asLong()).isEqualTo(1);
        assertThat(h.get("counts").get(25).asLong()).isEqualTo(1);
        assertThat(h.get("counts").get(49).asLong()).isEqualTo(2);
        assertThat(h.get("sampled").asInt()).isEqualTo(4);
    }
}
