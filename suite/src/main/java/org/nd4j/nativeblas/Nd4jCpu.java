package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility bridge for DL4J 1.0.0-M2.1's oneDNN layer helpers.
 *
 * <p>{@code BaseMKLDNNHelper.mklDnnEnabled()} looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment}
 * by reflection and calls {@code getInstance().isUseMKLDNN()}. nd4j-native M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and renamed the method to
 * {@code isUseONEDNN()}, so the lookup fails and DL4J silently falls back to its plain Java/native
 * paths (about 8× slower convolutions here). This class restores the old name and delegates to the new
 * one. It is reached by reflection only, so the suite still compiles against the CUDA backend, where
 * the delegate is absent and oneDNN reports off.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {}

    /** The name and method DL4J M2.1 looks for. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();
        private static final String DELEGATE = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether nd4j-native was built with oneDNN and uses it (false on other backends). */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName(DELEGATE);
                Object instance = env.getMethod("getInstance").invoke(null);
                Method useOneDnn = env.getMethod("isUseONEDNN");
                return (Boolean) useOneDnn.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
