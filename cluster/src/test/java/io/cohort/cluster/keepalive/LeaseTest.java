package io.cohort.cluster.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaseTest {
    private static final long MS = 1_000_000;

    @Test
    void holdsFromEachRenewalForItsDurationAndNotBeforeTheFirst() {
        Lease lease = new Lease(Duration.ofMillis(150));
        assertThat(lease.valid(0)).isFalse();

        lease.renew(100 * MS);
        assertThat(lease.valid(100 * MS)).isTrue();
        assertThat(lease.valid(250 * MS)).isTrue();
        assertThat(lease.valid(250 * MS + 1)).isFalse();

        lease.renew(240 * MS);
        assertThat(lease.valid(390 * MS)).isTrue();
        assertThat(lease.validUntil()).isEqualTo(390 * MS);
    }

    @Test
    void worksAcrossNegativeNanoTimes() {
        Lease lease = new Lease(Duration.ofMillis(1));
        lease.renew(-5 * MS);
        assertThat(lease.valid(-4 * MS)).isTrue();
        assertThat(lease.valid(-3 * MS)).isFalse();
    }

    @Test
    void refusesAnEmptyDuration() {
        assertThatThrownBy(() -> new Lease(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
