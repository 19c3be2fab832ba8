package io.cohort.lab.localcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether this process may build the local cluster's namespaces, and what it lacks if not. */
public final class NamespacePrivileges {
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private NamespacePrivileges() {
    }

    /** Empty when this process has CAP_NET_ADMIN and CAP_SYS_ADMIN; else what to do, for the operator. */
    public static Optional<String> missing() {
        return missing(effectiveCapabilities());
    }

    /** As {@link #missing()} for the effective capability set {@code effective} ({@code CapEff} of /proc/PID/status). */
    static Optional<String> missing(long effective) {
        boolean netAdmin = (effective >>> CAP_NET_ADMIN & 1) == 1;
        boolean sysAdmin = (effective >>> CAP_SYS_ADMIN & 1) == 1;
        if (netAdmin && sysAdmin) {
            return Optional.empty();
        }
        List<String> lacking = new ArrayList<>();
        if (!netAdmin) {
            lacking.add("CAP_NET_ADMIN");
        }
        if (!sysAdmin) {
            lacking.add("CAP_SYS_ADMIN");
        }
        return Optional.of("the local cluster builds network namespaces, a bridge and TUN devices: it needs root "
                + "(sudo), or CAP_NET_ADMIN and CAP_SYS_ADMIN; this process lacks " + String.join(" and ", lacking));
    }

    private static long effectiveCapabilities() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
                    .map(l -> Long.parseUnsignedLong(l.substring("CapEff:".length()).trim(), 16)).findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
