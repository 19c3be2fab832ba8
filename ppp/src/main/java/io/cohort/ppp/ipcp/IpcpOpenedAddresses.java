package io.cohort.ppp.ipcp;

import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;

/**
 * The addresses an Opened IPCP agreed (RFC 1332 3.3): ours and the peer's, whether the peer's was
 * allocated from this end's pool (so the link releases it when it ends), and, on the client, the
 * DNS servers the server gave (RFC 1877 1.1, 1.3). Initial state (patent, figure 7): fixed until
 * IPCP renegotiates. Not carried: the DNS and NBNS addresses a server offers, which its
 * {@link IpcpSettings} hold on every member. About 8 + 1 + 4 per DNS server octets.
 */
public record IpcpOpenedAddresses(Inet4Address ourAddress, Inet4Address peerAddress, boolean peerAddressFromPool,
                                  List<Inet4Address> dnsServers) {
    public IpcpOpenedAddresses {
        Objects.requireNonNull(ourAddress);
        Objects.requireNonNull(peerAddress);
        if (dnsServers.size() > 2) {
            throw new IllegalArgumentException("IPCP gives at most two DNS servers: " + dnsServers);
        }
        dnsServers = List.copyOf(dnsServers);
    }
}
