package dev.vsgdsuite.vsgd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.vsgdsuite.vsgd.golden.GoldenReplay;
import dev.vsgdsuite.vsgd.golden.GoldenTrajectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every VSGD trajectory of every golden file (the authors' PyTorch VSGD, float32) through the
 * code path DL4J users get ({@link GoldenReplay}: {@link Vsgd#instantiate} over a state view,
 * {@code applyUpdater}, decoupled weight decay as DL4J's post-updater regularization, θ −= update),
 * parameters and state compared after every step; every kernel this backend can run is replayed
 * (VECTOR, SCALAR and ND4J_OPS on the CPU; ND4J_OPS on CUDA and under the CUDA-path emulation).
 * {@code -Dvsgd.golden=FILE} adds a file.
 */
@Tag("cuda-path")
class GoldenReplayTest {

    static List<GoldenTrajectory> trajectories() {
        Path fixtures = Paths.get(VsgdSwitches.FIXTURES.check(System.getProperty(VsgdSwitches.FIXTURES.name(), "../fixtures")));
        List<GoldenTrajectory> all = new ArrayList<>();
        for (Path f : GoldenTrajectory.files(fixtures)) {
            if (f.getFileName().toString().startsWith("vsgd-golden")) {
                all.addAll(GoldenTrajectory.read(f));
            }
        }
        String extra = VsgdSwitches.GOLDEN.value();
        if (extra != null) {
            Path p = Paths.get(extra);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("-Dvsgd.golden=" + extra + ": no such file (" + p.toAbsolutePath()
                        + "); give a path relative to the vsgd module or an absolute one");
            }
            all.addAll(GoldenTrajectory.read(p));
        }
        return all;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (GoldenTrajectory t : trajectories()) {
            for (VsgdUpdater.Kernel k : VsgdUpdater.Kernel.runnable().subList(1, VsgdUpdater.Kernel.runnable().size())) {
                out.add(Arguments.of(t, k));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void replaysTheAuthorsTrajectory(GoldenTrajectory t, VsgdUpdater.Kernel kernel) {
        Vsgd config = t.vsgd();
        GoldenReplay.Outcome o = GoldenReplay.replay(t, config,
                DecoupledWeightDecay.regularization(t.number("weight_decay", 0)), kernel, Map.of());
        System.out.printf("golden %s [%s]: worst error (relative to max(1,|ref|) for param/loss, |ref| for state) %s%n",
                t, kernel, o.worstLine());
        assertThat(o.failures()).as(o.toString()).isEmpty();
        assertThat(o.variant()).endsWith("kernel " + kernel);
        assertThat(o.steps()).isEqualTo(t.steps());
        if (t.openLoop()) {
            assertThat(o.worst()).as("VSGD's state compared by the file's names").containsKeys("param", "mug", "bg", "bhg");
        } else {
            assertThat(o.worst()).containsKeys("param", "loss");
            assertThat(t.loss()[t.steps() - 1]).as("the golden loss itself must fall").isLessThan(t.loss()[0]);
        }
    }
}
