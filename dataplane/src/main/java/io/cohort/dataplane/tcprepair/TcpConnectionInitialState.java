package io.cohort.dataplane.tcprepair;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The initial state (patent, figure 7) of a TCP connection: what its handshake fixed and never
 * changes afterwards, sent once to the member that may take the connection over. About 19 bytes
 * on the wire: two IPv4 socket addresses (12), MSS (2), two window shifts (2), three flags (1).
 *
 * <p>Calculable, neither here nor in {@link TcpConnectionEssentialState}: the kernel rebuilds
 * the congestion window, RTT estimates and retransmission timer (RFC 6298, from scratch), the
 * SACK scoreboard, the peer's last timestamp {@code ts_recent} (taken from its next segment) and
 * the path MSS from the route.
 *
 * @param local our address and port, which the new owner must hold
 * @param remote the peer's address and port
 * @param maximumSegmentSize the MSS the peer announced (RFC 9293 section 3.7.1)
 * @param windowScaling whether both sides sent the window scale option (RFC 7323 section 2)
 * @param sendWindowScale the peer's shift, applied to windows it advertises (0-14)
 * @param receiveWindowScale our shift, applied to windows we advertise (0-14)
 * @param selectiveAcknowledgements whether SACK was permitted (RFC 2018)
 * @param timestamps whether both sides sent the timestamps option (RFC 7323 section 3)
 */
public record TcpConnectionInitialState(InetSocketAddress local, InetSocketAddress remote, int maximumSegmentSize,
        boolean windowScaling, int sendWindowScale, int receiveWindowScale, boolean selectiveAcknowledgements,
        boolean timestamps) {
    /** RFC 7323 section 2.3: a shift above 14 is used as 14. */
    public static final int MAX_WINDOW_SCALE = 14;

    public TcpConnectionInitialState {
        requireIpv4(Objects.requireNonNull(local, "local"));
        requireIpv4(Objects.requireNonNull(remote, "remote"));
        if (maximumSegmentSize < 1 || maximumSegmentSize > 0xFFFF) {
            throw new IllegalArgumentException("MSS " + maximumSegmentSize + " outside 1-65535");
        }
        requireScale(sendWindowScale);
        requireScale(receiveWindowScale);
        if (!windowScaling && (sendWindowScale != 0 || receiveWindowScale != 0)) {
            throw new IllegalArgumentException("window shifts without window scaling");
        }
    }

    private static void requireIpv4(InetSocketAddress address) {
        if (address.isUnresolved() || !(address.getAddress() instanceof Inet4Address)) {
            throw new IllegalArgumentException("not an IPv4 socket address: " + address);
        }
    }

    private static void requireScale(int shift) {
        if (shift < 0 || shift > MAX_WINDOW_SCALE) {
            throw new IllegalArgumentException("window shift " + shift + " outside 0-" + MAX_WINDOW_SCALE);
        }
    }
}
