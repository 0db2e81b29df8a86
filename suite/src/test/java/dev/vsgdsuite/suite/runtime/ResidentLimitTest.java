package dev.vsgdsuite.suite.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The once-per-iteration memory limit: sizes as the docs write them, and collections only when over. */
class ResidentLimitTest {

    private static final long MIB = 1L << 20;

    @Test
    void sizesTakeBytesOrABinarySuffix() {
        assertThat(ResidentLimit.parse("18g")).isEqualTo(18L << 30);
        assertThat(ResidentLimit.parse(" 512M ")).isEqualTo(512 * MIB);
        assertThat(ResidentLimit.parse("64k")).isEqualTo(64 * 1024);
        assertThat(ResidentLimit.parse("2t")).isEqualTo(2L << 40);
        assertThat(ResidentLimit.parse("12345")).isEqualTo(12345);
        assertThat(ResidentLimit.parse("0")).isZero();
    }

    @Test
    void aValueThatIsNotASizeIsRefusedNamingTheProperty() {
        for (String bad : new String[] {"18gb", "-1g", "g", "", "1.5g", "99999999999t"}) {
            assertThatThrownBy(() -> ResidentLimit.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("suite.residentLimit = " + bad + " is not a size");
        }
    }

    @Test
    void underTheLimitNothingIsCollected() {
        AtomicInteger collections = new AtomicInteger();
        ResidentLimit limit = new ResidentLimit(100 * MIB, () -> 99 * MIB, collections::incrementAndGet);
        assertThat(limit.check()).isZero();
        assertThat(collections).hasValue(0);
    }

    @Test
    void overTheLimitItCollectsUntilUnder() {
        AtomicLong resident = new AtomicLong(130 * MIB);
        AtomicInteger collections = new AtomicInteger();
        ResidentLimit limit = new ResidentLimit(100 * MIB, resident::get, () -> {
            collections.incrementAndGet();
            resident.addAndGet(-20 * MIB);   // each collection frees 20 MiB: 130 → 110 → 90
        });
        assertThat(limit.check()).isEqualTo(2);
        assertThat(collections).hasValue(2);
        assertThat(limit.check()).isZero();
    }

    @Test
    void whatCollectingCannotFreeStopsTheRunWithTheLimitAndTheFix() {
        AtomicInteger collections = new AtomicInteger();
        ResidentLimit limit = new ResidentLimit(100 * MIB, () -> 150 * MIB, collections::incrementAndGet);
        assertThatThrownBy(limit::check).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("resident memory 150 MiB is over -Dsuite.residentLimit=100 MiB after 10 garbage "
                        + "collections")
                .hasMessageContaining("raise the limit");
        assertThat(collections).hasValue(ResidentLimit.RETRIES);
    }

    @Test
    void noLimitNeverReadsTheResidentSize() {
        ResidentLimit off = new ResidentLimit(0, () -> {
            throw new AssertionError("read without a limit");
        }, () -> {
            throw new AssertionError("collected without a limit");
        });
        assertThat(off.check()).isZero();
        assertThat(off.limitBytes()).isZero();
    }

    @Test
    void theSwitchSetsTheLimitAndUnsetMeansNone() {
        String before = System.getProperty(SuiteSwitches.RESIDENT_LIMIT.name());
        try {
            System.clearProperty(SuiteSwitches.RESIDENT_LIMIT.name());
            assertThat(ResidentLimit.configured().limitBytes()).isZero();
            System.setProperty(SuiteSwitches.RESIDENT_LIMIT.name(), "3g");
            assertThat(ResidentLimit.configured().limitBytes()).isEqualTo(3L << 30);
            System.setProperty(SuiteSwitches.RESIDENT_LIMIT.name(), "1t");
            assertThat(ResidentLimit.configured().check()).isZero();   // reads this JVM's resident size, far under
        } finally {
            if (before == null) {
                System.clearProperty(SuiteSwitches.RESIDENT_LIMIT.name());
            } else {
                System.setProperty(SuiteSwitches.RESIDENT_LIMIT.name(), before);
            }
        }
    }
}
