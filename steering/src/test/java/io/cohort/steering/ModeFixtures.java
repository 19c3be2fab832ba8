package io.cohort.steering;

import io.cohort.cluster.member.MemberId;
import io.cohort.steering.kernel.KernelFilterSpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/** Owners, addresses and MACs shared by the mode tests. */
final class ModeFixtures {
    static final Inet4Address CLUSTER_IP = ip(100);
    static final MacAddress OWN_MAC = MacAddress.getByName("52:54:00:12:34:56");
    static final KernelFilterSpec BASE_FILTER = KernelFilterSpec.of(CLUSTER_IP);
    static final UnitOwner SELF = new UnitOwner(MemberId.of("m1"), Optional.of(ip(11)), true);
    static final UnitOwner OTHER = new UnitOwner(MemberId.of("m2"), Optional.of(ip(12)), false);
    static final UnitOwner V6_ONLY = new UnitOwner(MemberId.of("m3"), Optional.empty(), false);

    private ModeFixtures() {}

    static Inet4Address ip(int last) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {10, 77, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
