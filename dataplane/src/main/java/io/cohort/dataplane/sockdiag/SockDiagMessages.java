package io.cohort.dataplane.sockdiag;

import io.cohort.dataplane.netlink.NetlinkMessage;
import io.cohort.dataplane.netlink.NetlinkRequest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The sock_diag messages for TCP sockets with IPv4 addresses, AF_INET or IPv4-mapped AF_INET6
 * (linux/sock_diag.h, linux/inet_diag.h): a dump
 * request ({@code SOCK_DIAG_BY_FAMILY} with NLM_F_DUMP and a {@code struct inet_diag_req_v2}), a
 * destroy request ({@code SOCK_DESTROY} with the socket's exact {@code struct inet_diag_sockid})
 * and the decoding of the dump's {@code struct inet_diag_msg}. Ports and addresses are in network
 * order, the other fields in host order. Sans I/O.
 */
public final class SockDiagMessages {
    /** netlink(7): the sock_diag family. */
    public static final int NETLINK_SOCK_DIAG = 4;
    static final int SOCK_DIAG_BY_FAMILY = 20;
    static final int SOCK_DESTROY = 21;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    static final int IPPROTO_TCP = 6;

    /** The kernel's TCP states (include/net/tcp_states.h). */
    public static final int TCP_ESTABLISHED = 1;
    public static final int TCP_FIN_WAIT1 = 4;
    public static final int TCP_TIME_WAIT = 6;
    public static final int TCP_LISTEN = 10;
    private static final int TCP_MAX_STATE = 12; // TCP_NEW_SYN_RECV

    /** Every TCP state but LISTEN and TIME_WAIT, as {@code idiag_states}' bit mask. */
    public static final int LINGERING_STATES = allStates() & ~(1 << TCP_LISTEN) & ~(1 << TCP_TIME_WAIT);

    /** inet_diag_msg: family, state, timer, retrans (4), sockid (48), expires, rqueue, wqueue, uid, inode. */
    static final int INET_DIAG_MSG_SIZE = 72;
    private static final int SOCKID_OFFSET = 4;
    private static final int ADDRESS_FIELD_SIZE = 16;
    /** ::ffff:0:0/96 (RFC 4291 section 2.5.5.2). */
    private static final byte[] V4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private SockDiagMessages() {
    }

    /**
     * A dump of the TCP sockets of {@code family} (AF_INET or AF_INET6) in {@code states} (a bit
     * per state) with local port {@code sourcePort}.
     */
    public static NetlinkRequest dumpTcp(int family, int states, int sourcePort) {
        NetlinkRequest request = NetlinkRequest.of(SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP)
                .u8(family).u8(IPPROTO_TCP).u8(0).u8(0).u32(states)
                .u16(Short.reverseBytes((short) sourcePort)).u16(0);
        for (int i = 0; i < 2 * ADDRESS_FIELD_SIZE; i += 4) {
            request.u32(0);
        }
        return request.u32(0).u32(0).u32(0); // idiag_if, idiag_cookie[2]
    }

    /** SOCK_DESTROY of the socket {@code id}, answered with an ACK. */
    public static NetlinkRequest destroyTcp(InetDiagSocketId id) {
        NetlinkRequest request = NetlinkRequest.of(SOCK_DESTROY, NLM_F_REQUEST | NLM_F_ACK)
                .u8(id.family()).u8(IPPROTO_TCP).u8(0).u8(0).u32(0)
                .u16(Short.reverseBytes((short) id.sourcePort()))
                .u16(Short.reverseBytes((short) id.destinationPort()));
        address(request, id.family(), id.source());
        address(request, id.family(), id.destination());
        return request.u32(id.interfaceIndex()).u32((int) id.cookie()).u32((int) (id.cookie() >>> 32));
    }

    /**
     * The socket a dump's message describes; empty for a message of another type, family, or an
     * IPv6 socket whose addresses are not IPv4-mapped.
     *
     * @throws IllegalArgumentException if the message is shorter than {@code struct inet_diag_msg}
     */
    public static Optional<TcpSocketEntry> entry(NetlinkMessage message) {
        if (message.type() != SOCK_DIAG_BY_FAMILY) {
            return Optional.empty();
        }
        ByteBuffer payload = message.payload();
        if (payload.remaining() < INET_DIAG_MSG_SIZE) {
            throw new IllegalArgumentException("inet_diag_msg too short: " + payload.remaining() + " bytes");
        }
        int family = Byte.toUnsignedInt(payload.get(0));
        if (family != AF_INET && !(family == AF_INET6 && v4Mapped(payload, SOCKID_OFFSET + 4)
                && v4Mapped(payload, SOCKID_OFFSET + 4 + ADDRESS_FIELD_SIZE))) {
            return Optional.empty();
        }
        int v4Offset = family == AF_INET ? 0 : V4_MAPPED_PREFIX.length;
        int state = Byte.toUnsignedInt(payload.get(1));
        int id = SOCKID_OFFSET;
        int sourcePort = Short.toUnsignedInt(Short.reverseBytes(payload.getShort(id)));
        int destinationPort = Short.toUnsignedInt(Short.reverseBytes(payload.getShort(id + 2)));
        Inet4Address source = address(payload, id + 4 + v4Offset);
        Inet4Address destination = address(payload, id + 4 + ADDRESS_FIELD_SIZE + v4Offset);
        int interfaceIndex = payload.getInt(id + 4 + 2 * ADDRESS_FIELD_SIZE);
        long cookie = Integer.toUnsignedLong(payload.getInt(id + 8 + 2 * ADDRESS_FIELD_SIZE))
                | (Integer.toUnsignedLong(payload.getInt(id + 12 + 2 * ADDRESS_FIELD_SIZE)) << 32);
        return Optional.of(new TcpSocketEntry(state, new InetDiagSocketId(family, source, sourcePort, destination,
                destinationPort, interfaceIndex, cookie)));
    }

    /** An address field: IPv4 in the first four bytes, or the IPv4-mapped IPv6 address. */
    private static void address(NetlinkRequest request, int family, Inet4Address address) {
        if (family == AF_INET6) {
            for (byte b : V4_MAPPED_PREFIX) {
                request.u8(b);
            }
        }
        for (byte b : address.getAddress()) {
            request.u8(b);
        }
        if (family == AF_INET) {
            request.u32(0).u32(0).u32(0); // idiag_src[1..3]: IPv6 only
        }
    }

    private static boolean v4Mapped(ByteBuffer payload, int offset) {
        for (int i = 0; i < V4_MAPPED_PREFIX.length; i++) {
            if (payload.get(offset + i) != V4_MAPPED_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address address(ByteBuffer payload, int offset) {
        byte[] bytes = new byte[4];
        payload.get(offset, bytes);
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static int allStates() {
        int mask = 0;
        for (int state = TCP_ESTABLISHED; state <= TCP_MAX_STATE; state++) {
            mask |= 1 << state;
        }
        return mask;
    }
}
