package io.cohort.testbed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JUnit assumptions that skip integration tests on hosts where the testbed cannot work. */
public final class Privileges {
    private Privileges() {
    }

    /**
     * Skips the calling test (a JUnit assumption failure, not an error) unless this JVM runs as
     * root on Linux with a working {@code ip netns}.
     */
    public static void assumeNetworkAdmin() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"),
                "testbed needs Linux network namespaces; this is " + System.getProperty("os.name"));
        assumeTrue(effectiveUid() == 0, "testbed needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN); effective uid is "
                + effectiveUid());
        boolean ipWorks;
        try {
            ipWorks = Command.run("ip", "netns", "list").succeeded();
        } catch (TestbedException e) {
            ipWorks = false;
        }
        assumeTrue(ipWorks, "testbed needs a working 'ip netns' (iproute2)");
    }

    /** The effective UID from /proc/self/status, or -1 if it cannot be read. */
    static int effectiveUid() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .map(l -> Integer.parseInt(l.split("\\s+")[2]))
                    .findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
