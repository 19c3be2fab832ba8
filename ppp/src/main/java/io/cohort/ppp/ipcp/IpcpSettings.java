package io.cohort.ppp.ipcp;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * IPCP configuration. Server: {@code localAddress} is ours, the DNS/NBNS values are offered to the
 * peer (an option with no value configured is rejected). Client: {@code localAddress} is empty
 * (we ask with 0.0.0.0) and {@code requestDns} asks the server for DNS servers.
 */
public record IpcpSettings(Optional<Inet4Address> localAddress, Optional<Inet4Address> primaryDns,
                           Optional<Inet4Address> secondaryDns, Optional<Inet4Address> primaryNbns,
                           Optional<Inet4Address> secondaryNbns, boolean requestDns) {
    public static IpcpSettings client(boolean requestDns) {
        return new IpcpSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), requestDns);
    }
}
