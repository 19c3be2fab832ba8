package io.cohort.dataplane.packet;

import io.cohort.dataplane.libc.InterfaceRequest;
import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

/**
 * An interface's membership in an Ethernet multicast group, held by a packet socket
 * (PACKET_ADD_MEMBERSHIP with PACKET_MR_MULTICAST, packet(7)): while it is open the interface
 * accepts frames addressed to the group's MAC, and closing the socket leaves the group. No
 * rtnetlink message adds a link-layer multicast address; SIOCADDMULTI (what {@code ip maddr add}
 * does) would be one flag per address that outlives the process, whereas the kernel counts
 * sockets' memberships and drops this one with the socket, whoever else holds the address and
 * however the process ends.
 *
 * <p>The socket belongs to the network namespace of the thread that opens it, and the interface
 * is looked up there. It is bound to no protocol, so it receives nothing. Needs CAP_NET_RAW.
 */
public final class EthernetMulticastMembership implements AutoCloseable {
    private static final int PACKET_ADD_MEMBERSHIP = 1;
    private static final long SIOCGIFINDEX = 0x8933;
    private static final int MAC_LENGTH = 6;

    private final int fd;
    private final String description;
    private boolean closed;

    private EthernetMulticastMembership(int fd, String description) {
        this.fd = fd;
        this.description = description;
    }

    /**
     * Joins {@code device} to the group of multicast MAC {@code mac} (six octets, group bit set).
     *
     * @throws SystemCallException naming the device if there is no such interface or the kernel refuses
     */
    public static EthernetMulticastMembership join(String device, byte[] mac) throws SystemCallException {
        if (mac.length != MAC_LENGTH || (mac[0] & 1) == 0) {
            throw new IllegalArgumentException("not a multicast MAC: " + HexFormat.ofDelimiter(":").formatHex(mac));
        }
        String description = "multicast MAC " + HexFormat.ofDelimiter(":").formatHex(mac) + " on " + device;
        int fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw Libc.failure("socket(AF_PACKET)", description);
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment ifreq = InterfaceRequest.of(call, device, (short) 0);
            if (Libc.ioctl(fd, SIOCGIFINDEX, ifreq) < 0) {
                throw Libc.failure("ioctl(SIOCGIFINDEX)", device);
            }
            MemorySegment request = PacketMembershipRequest.multicast(call, InterfaceRequest.index(ifreq), mac);
            if (Libc.setsockopt(fd, Libc.SOL_PACKET, PACKET_ADD_MEMBERSHIP, request) < 0) {
                throw Libc.failure("setsockopt(PACKET_ADD_MEMBERSHIP)", description);
            }
            return new EthernetMulticastMembership(fd, description);
        } catch (SystemCallException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** Leaves the group (closes the socket). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
