package io.cohort.dataplane.packet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code struct packet_mreq} (linux/if_packet.h, packet(7)): {@code int mr_ifindex; unsigned
 * short mr_type; unsigned short mr_alen; unsigned char mr_address[8];}, 16 bytes.
 */
final class PacketMembershipRequest {
    /** {@code mr_type}: a link-layer multicast address. */
    static final short PACKET_MR_MULTICAST = 0;
    static final MemoryLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("mr_ifindex"),
            ValueLayout.JAVA_SHORT.withName("mr_type"),
            ValueLayout.JAVA_SHORT.withName("mr_alen"),
            MemoryLayout.sequenceLayout(8, ValueLayout.JAVA_BYTE).withName("mr_address"));
    private static final long ADDRESS_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("mr_address"));

    private PacketMembershipRequest() {
    }

    /** A request for membership of interface {@code index} in the multicast group {@code address}. */
    static MemorySegment multicast(Arena arena, int index, byte[] address) {
        if (address.length == 0 || address.length > 8) {
            throw new IllegalArgumentException("a link-layer address has 1 to 8 octets, not " + address.length);
        }
        MemorySegment request = arena.allocate(LAYOUT);
        request.set(ValueLayout.JAVA_INT, 0, index);
        request.set(ValueLayout.JAVA_SHORT, 4, PACKET_MR_MULTICAST);
        request.set(ValueLayout.JAVA_SHORT, 6, (short) address.length);
        MemorySegment.copy(address, 0, request, ValueLayout.JAVA_BYTE, ADDRESS_OFFSET, address.length);
        return request;
    }
}
