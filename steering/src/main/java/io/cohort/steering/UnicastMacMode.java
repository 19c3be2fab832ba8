package io.cohort.steering;

import io.cohort.steering.link.InterfacePreparation;
import io.cohort.steering.link.InterfacePreparationException;
import java.net.Inet4Address;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/**
 * Method 2: a cluster-wide unicast MAC (default {@code 02:bf:a:b:c:d} for cluster IP a.b.c.d,
 * locally administered). No member owns it, so a switch never learns its port and floods frames
 * to it to every member, whose LAN interfaces are made promiscuous to accept them.
 */
final class UnicastMacMode extends SharedMacMode {
    UnicastMacMode() {
        super(0x02);
    }

    @Override
    public String configName() {
        return "unicast";
    }

    @Override
    public Optional<String> macProblem(MacAddress configured) {
        if (!configured.isUnicast()) {
            return Optional.of(configured + " is a multicast MAC (its first octet is odd); mode = unicast needs "
                    + "a unicast one");
        }
        return Optional.empty();
    }

    @Override
    public InterfacePreparation prepareInterfaces(String device, Inet4Address clusterIp, MacAddress steeringMac)
            throws InterfacePreparationException {
        requireSuitable(steeringMac);
        return InterfacePreparation.apply(device, clusterIp, InterfacePreparation::makePromiscuous);
    }
}
