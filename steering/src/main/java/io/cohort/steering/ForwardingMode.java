package io.cohort.steering;

import io.cohort.steering.kernel.KernelFilterSpec;
import io.cohort.steering.link.InterfacePreparation;
import io.cohort.steering.link.InterfacePreparationException;
import java.net.Inet4Address;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/**
 * Method 1 (the patent's "Normal IP packet processing"): the cluster IP resolves to the master's
 * own interface MAC, so only the master's interface receives its frames; the master classifies
 * every packet and re-addresses those of other members' units to their owners. The LAN interface
 * needs nothing beyond the common preparation, and the kernel filter no ingress rule: frames
 * forwarded to an owner are addressed to its own MAC.
 */
final class ForwardingMode implements SteeringMode {
    @Override
    public String configName() {
        return "forwarding";
    }

    @Override
    public MacAddress defaultMac(Inet4Address clusterIp, MacAddress interfaceMac) {
        return interfaceMac;
    }

    @Override
    public Optional<String> macProblem(MacAddress configured) {
        return Optional.of("is not used with mode = forwarding (the master's own MAC is the cluster MAC); "
                + "leave it empty");
    }

    @Override
    public InterfacePreparation prepareInterfaces(String device, Inet4Address clusterIp, MacAddress steeringMac)
            throws InterfacePreparationException {
        return InterfacePreparation.apply(device, clusterIp, preparation -> { });
    }

    @Override
    public KernelFilterSpec kernelFilter(KernelFilterSpec base, String device, MacAddress steeringMac) {
        return base;
    }

    @Override
    public CaptureDecision captureOfUnowned() {
        return CaptureDecision.DEMAND;
    }

    @Override
    public CaptureDecision captureOf(UnitOwner owner) {
        if (owner.self()) {
            return CaptureDecision.OWNER_HAS_IT;
        }
        return owner.address().isPresent() ? CaptureDecision.FORWARD : CaptureDecision.NO_ADDRESS;
    }

    @Override
    public String toString() {
        return configName();
    }
}
