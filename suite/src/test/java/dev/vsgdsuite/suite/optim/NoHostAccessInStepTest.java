package dev.vsgdsuite.suite.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.vsgdsuite.vsgd.BlockUpdater;
import dev.vsgdsuite.vsgd.HostArrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * No optimizer step reads or writes an array element from the host on the nd4j-op path, the path
 * CUDA runs. On CUDA such an access copies the whole buffer the array is a view of between device
 * and host (a write also marks it host-side, so the next op copies it back): for an updater block,
 * the network's whole optimizer state. The rule walks every call reachable from each updater's
 * {@code applyUpdater} in the compiled code of the library and the suite, so a new optimizer is held
 * to it as soon as it implements {@link GradientUpdater}.
 *
 * <p>Three places may touch the host, and each is named here with its reason: the layout (reads the
 * step count once, when a state is new or restored), the host kernels (run only where
 * {@link HostArrays#hostKernels()}: the CPU backend, not emulating CUDA), and the non-finite check
 * (one reduction and one scalar read per iteration, which {@code OptimizerPropertiesTest} counts).
 */
@Tag("cuda-path")
class NoHostAccessInStepTest {

    /** Methods allowed to reach the host, each with why. */
    static final Set<String> ALLOWED = Set.of(
            "dev.vsgdsuite.vsgd.BlockUpdater.layout",      // once per state layout, not per step
            "dev.vsgdsuite.vsgd.BlockUpdater.runOnHost",   // host kernels: only where HostArrays.hostKernels()
            "dev.vsgdsuite.vsgd.NonFiniteCheck.require");  // once per iteration, counted by OptimizerPropertiesTest

    /** Element access and host-side reductions of nd4j arrays: each syncs the array's buffer with the host. */
    static final Set<String> HOST_ARRAY_METHODS = Set.of("getDouble", "getFloat", "getInt", "getLong", "getNumber",
            "putScalar", "toDoubleVector", "toFloatVector", "toIntVector", "toLongVector", "toDoubleMatrix",
            "toFloatMatrix", "toIntMatrix", "toLongMatrix", "sumNumber", "meanNumber", "maxNumber", "minNumber",
            "norm1Number", "norm2Number", "normmaxNumber", "stdNumber", "varNumber", "prodNumber", "amaxNumber",
            "aminNumber", "ameanNumber", "entropyNumber", "medianNumber", "percentileNumber", "equals",
            "equalsWithEps", "toString", "isInfinite", "isNaN");

    /** Buffer metadata, which stays on the host side of nd4j without touching the elements. */
    static final Set<String> BUFFER_METADATA = Set.of("length", "dataType", "originalDataBuffer", "getElementSize",
            "offset", "underlyingLength");

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vsgdsuite");

    @Test
    void noRegisteredOptimizerStepTouchesTheHost() {
        List<JavaClass> updaters = updaters(PRODUCTION);
        assertThat(updaters).extracting(JavaClass::getSimpleName)
                .contains("VsgdUpdater", "TorchAdamUpdater", "Updater");   // SgdMomentum.Updater
        List<String> violations = new ArrayList<>();
        updaters.forEach(u -> violations.addAll(hostAccesses(u)));
        assertThat(violations).as("host accesses reachable from an optimizer step on the nd4j-op path").isEmpty();
    }

    @Test
    void everyOptimizerTheConfigsBuildIsCoveredByTheRule() {
        Set<String> covered = new HashSet<>();
        updaters(PRODUCTION).forEach(u -> covered.add(u.getName()));
        for (OptimizerType<?> type : OptimizerConfig.types()) {
            for (OptimizerPropertiesTest.Row row : OptimizerPropertiesTest.TABLE) {
                if (row.config().type() != type || !OptimizerPropertiesTest.isBlockUpdater(row)) {
                    continue;
                }
                var config = Optimizers.updater(row.config(), OptimizerPropertiesTest.CONSTANT);
                GradientUpdater<?> u = config.instantiate(org.nd4j.linalg.factory.Nd4j.create(
                        org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, config.stateSize(4)), true);
                assertThat(covered).as(row.label()).contains(u.getClass().getName());
            }
        }
    }

    /** The rule can fail: a step that writes its count from the host, and one that checks its gradient per block. */
    @Test
    void theRuleFindsAHostWriteAndAHostReadBehindAHelper() {
        JavaClasses controls = new ClassFileImporter().importClasses(PutsItsStepCountFromTheHost.class,
                ChecksEachBlockOnTheHost.class, BlockUpdater.class);
        assertThat(hostAccesses(controls.get(PutsItsStepCountFromTheHost.class)))
                .singleElement().asString().contains("stepOps").contains("INDArray.putScalar");
        assertThat(hostAccesses(controls.get(ChecksEachBlockOnTheHost.class)))
                .singleElement().asString().contains("anyBad").contains("BooleanIndexing.or");
    }

    static List<JavaClass> updaters(JavaClasses classes) {
        return classes.stream().filter(c -> c.isAssignableTo(GradientUpdater.class) && !c.getModifiers()
                .contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT) && !c.isInterface()).toList();
    }

    /** Every call to a host access reachable from {@code updater}'s applyUpdater, as "from → target" lines. */
    static List<String> hostAccesses(JavaClass updater) {
        List<String> found = new ArrayList<>();
        Deque<JavaCodeUnit> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        findInHierarchy(updater, "applyUpdater", 3).ifPresent(todo::add);
        assertThat(todo).as("%s has applyUpdater(INDArray, int, int)", updater.getName()).isNotEmpty();
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.pop();
            if (!seen.add(unit.getFullName()) || ALLOWED.contains(unit.getOwner().getName() + "." + unit.getName())) {
                continue;
            }
            for (JavaAccess<?> call : unit.getCallsFromSelf()) {
                JavaClass owner = call.getTargetOwner();
                String name = call.getName();
                if (isHostAccess(owner, name)) {
                    found.add(updater.getSimpleName() + ": " + unit.getName() + " → " + owner.getSimpleName() + "." + name
                            + " (" + call.getSourceCodeLocation() + ")");
                } else if (owner.getPackageName().startsWith("dev.vsgdsuite")) {
                    // the call as written, and the override the updater really runs (stepOps, stepOnHost)
                    owner.getCodeUnits().stream().filter(m -> m.getName().equals(name)).forEach(todo::add);
                    findInHierarchy(updater, name, -1).ifPresent(todo::add);
                }
            }
            // lambda bodies are methods of their own
            unit.getOwner().getCodeUnits().stream()
                    .filter(m -> m.getName().startsWith("lambda$" + unit.getName() + "$")).forEach(todo::add);
        }
        return found;
    }

    static boolean isHostAccess(JavaClass owner, String name) {
        if (owner.isAssignableTo(INDArray.class)) {
            return HOST_ARRAY_METHODS.contains(name);
        }
        if (owner.isAssignableTo(DataBuffer.class)) {
            return !BUFFER_METADATA.contains(name);
        }
        if (owner.isEquivalentTo(HostArrays.class)) {
            return name.equals("bytes");
        }
        return owner.isEquivalentTo(BooleanIndexing.class) || owner.getPackageName().equals("java.nio")
                || owner.getName().equals("org.nd4j.linalg.factory.Nd4j") && name.equals("createFromArray");
    }

    /** The most derived method {@code name} of {@code c} or its superclasses (with {@code arity} parameters, or any). */
    static Optional<JavaCodeUnit> findInHierarchy(JavaClass c, String name, int arity) {
        for (JavaClass k = c; k != null; k = k.getRawSuperclass().orElse(null)) {
            for (JavaMethod m : k.getMethods()) {
                if (m.getName().equals(name) && (arity < 0 || m.getRawParameterTypes().size() == arity)
                        && !m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    /** Control: the host write the core replaced. */
    static final class PutsItsStepCountFromTheHost extends BlockUpdater<Sgd> {
        PutsItsStepCountFromTheHost() {
            super(new Sgd(0.1), "control", List.of("buf"), null, false, "control", Kernel.AUTO);
        }

        @Override
        protected void stepOps(long t, double lr, INDArray gradient, List<INDArray> state) {
            gradient.muli(lr);
            state.get(0).putScalar(0, (double) t);
        }
    }

    /** Control: a per-block host read, one helper away. */
    static final class ChecksEachBlockOnTheHost extends BlockUpdater<Sgd> {
        ChecksEachBlockOnTheHost() {
            super(new Sgd(0.1), "control", List.of("buf"), null, false, "control", Kernel.AUTO);
        }

        @Override
        protected void stepOps(long t, double lr, INDArray gradient, List<INDArray> state) {
            if (anyBad(gradient)) {
                throw new ArithmeticException("not finite");
            }
            gradient.muli(lr);
        }

        private static boolean anyBad(INDArray a) {
            return BooleanIndexing.or(a, Conditions.notFinite());
        }
    }
}
