package io.cohort.steering;

import io.cohort.steering.kernel.KernelFilterSpec;
import java.net.Inet4Address;
import org.pcap4j.util.MacAddress;

/**
 * Methods 2 and 3: every member's interface receives the frames for the cluster IP, which
 * resolves to a MAC no member owns. The default MAC is a fixed first octet, {@code 0xbf}, then
 * the four octets of the cluster IP, the scheme Microsoft NLB uses, so that clusters with
 * different addresses on one LAN never share a MAC. The kernel filter marks frames to it as the
 * host's own ({@link KernelFilterSpec.Ingress}), and the master never forwards: an owned unit's
 * owner has the packet already; an unowned unit goes to the cluster layer unless it has an owner
 * by the time the cluster layer looks.
 */
abstract sealed class SharedMacMode implements SteeringMode permits UnicastMacMode, MulticastMacMode {
    private final int firstOctet;

    SharedMacMode(int firstOctet) {
        this.firstOctet = firstOctet;
    }

    @Override
    public final MacAddress defaultMac(Inet4Address clusterIp, MacAddress interfaceMac) {
        byte[] ip = clusterIp.getAddress();
        return MacAddress.getByAddress(new byte[] {(byte) firstOctet, (byte) 0xBF, ip[0], ip[1], ip[2], ip[3]});
    }

    @Override
    public final KernelFilterSpec kernelFilter(KernelFilterSpec base, String device, MacAddress steeringMac) {
        return base.withIngress(device, steeringMac);
    }

    @Override
    public final CaptureDecision captureOfUnowned() {
        return CaptureDecision.DEMAND_UNLESS_OWNED;
    }

    @Override
    public final CaptureDecision captureOf(UnitOwner owner) {
        return CaptureDecision.OWNER_HAS_IT;
    }

    /** Throws what {@link #macProblem} finds in {@code steeringMac}: before anything is changed. */
    final void requireSuitable(MacAddress steeringMac) {
        macProblem(steeringMac).ifPresent(problem -> {
            throw new IllegalArgumentException("steering MAC " + steeringMac + ": " + problem);
        });
    }

    @Override
    public final String toString() {
        return configName();
    }
}
