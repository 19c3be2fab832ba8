package io.cohort.ppp;

import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.mppe.MppeMode;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * A point-in-time view of one link for operators and tests; contains no secrets.
 * {@code encryption} is the MPPE mode in force, empty when CCP is not Opened or not configured.
 */
public record PppLinkSnapshot(Phase phase, Optional<String> user, Optional<AuthMethod> authMethod, int peerMru,
                              boolean peerAcceptsAcfc, boolean peerAcceptsPfc, Optional<Inet4Address> localIpv4,
                              Optional<Inet4Address> peerIpv4, List<Inet4Address> dnsServers,
                              long localInterfaceId, long peerInterfaceId, long rxFrames, long rxBytes,
                              long txFrames, long txBytes, Optional<MppeMode> encryption) {
}
