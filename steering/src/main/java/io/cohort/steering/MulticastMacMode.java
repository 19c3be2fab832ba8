package io.cohort.steering;

import io.cohort.steering.link.InterfacePreparation;
import io.cohort.steering.link.InterfacePreparationException;
import java.net.Inet4Address;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/**
 * Method 3: a multicast MAC (default {@code 03:bf:a:b:c:d}), for switches that would otherwise
 * deliver a unicast MAC to one port only. Each member joins its LAN interface to the MAC's group.
 */
final class MulticastMacMode extends SharedMacMode {
    MulticastMacMode() {
        super(0x03);
    }

    @Override
    public String configName() {
        return "multicast";
    }

    @Override
    public Optional<String> macProblem(MacAddress configured) {
        if (configured.isUnicast()) {
            return Optional.of(configured + " is a unicast MAC; mode = multicast needs one with the group bit "
                    + "(first octet odd, e.g. 03:bf:...)");
        }
        if (configured.equals(MacAddress.ETHER_BROADCAST_ADDRESS)) {
            return Optional.of("the broadcast MAC cannot be the cluster MAC");
        }
        return Optional.empty();
    }

    @Override
    public InterfacePreparation prepareInterfaces(String device, Inet4Address clusterIp, MacAddress steeringMac)
            throws InterfacePreparationException {
        requireSuitable(steeringMac);
        return InterfacePreparation.apply(device, clusterIp, preparation -> preparation.joinMulticastGroup(steeringMac));
    }
}
