package io.cohort.lab.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamespacePrivilegesTest {
    private static final long NET_ADMIN = 1L << 12;
    private static final long SYS_ADMIN = 1L << 21;

    @Test
    void withoutCapabilitiesItSaysRootOrWhichCapabilities() {
        assertThat(NamespacePrivileges.missing(0)).get().asString()
                .contains("needs root (sudo), or CAP_NET_ADMIN and CAP_SYS_ADMIN")
                .endsWith("lacks CAP_NET_ADMIN and CAP_SYS_ADMIN");
        assertThat(NamespacePrivileges.missing(NET_ADMIN)).get().asString().endsWith("lacks CAP_SYS_ADMIN");
    }

    @Test
    void bothCapabilitiesAreEnough() {
        assertThat(NamespacePrivileges.missing(NET_ADMIN | SYS_ADMIN)).isEmpty();
        assertThat(NamespacePrivileges.missing(-1L)).isEmpty(); // root: every capability
    }
}
