package io.cohort.ppp;

import io.cohort.ppp.mppe.MppeMode;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

/** What a {@link PppLink} tells its owner, always on the engine thread. */
public interface PppLinkEvents {
    /** A frame for the lower layer (FF 03 omitted only if the peer accepted ACFC; PFC respected). */
    void transmit(ByteBuffer frame);

    /** Authentication succeeded (server: the peer's user name; client: ours). */
    void authenticated(String user);

    void ipv4Up(Inet4Address local, Inet4Address peer);

    /** IPV6CP opened with these interface identifiers. */
    void ipv6Up(long localInterfaceId, long peerInterfaceId);

    /**
     * CCP opened with MPPE in this mode (only under {@link io.cohort.ppp.ccp.EncryptionPolicy.MppeRequired});
     * it comes before {@link #ipv4Up}/{@link #ipv6Up}, which wait for it (RFC 3078 section 9).
     */
    default void encrypted(MppeMode mode) {
    }

    /** A network-layer packet (IPv4 0x0021 or IPv6 0x0057) arrived; valid only during the call. */
    void received(int protocol, ByteBuffer packet);

    /** The link is dead (RFC 1661 3.1) and will do nothing more. */
    void linkDown(String reason);
}
