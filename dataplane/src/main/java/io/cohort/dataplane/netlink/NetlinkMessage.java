package io.cohort.dataplane.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of a netlink datagram: the fields of its {@code struct nlmsghdr} and the payload
 * after the 16-byte header (a read-only view, host byte order, positioned at 0).
 */
public record NetlinkMessage(int type, int flags, int sequence, ByteBuffer payload) {
    public static final int HEADER_SIZE = 16;

    /**
     * The messages of {@code datagram}, each starting on a 4-byte boundary (NLMSG_ALIGN).
     *
     * @throws IllegalArgumentException if a length field is shorter than the header or runs past
     *     the datagram
     */
    public static List<NetlinkMessage> split(ByteBuffer datagram) {
        ByteBuffer in = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> messages = new ArrayList<>();
        while (in.remaining() >= HEADER_SIZE) {
            int start = in.position();
            int length = in.getInt(start);
            if (length < HEADER_SIZE || length > in.remaining()) {
                throw new IllegalArgumentException("malformed netlink message: length " + length
                        + " with " + in.remaining() + " bytes left");
            }
            ByteBuffer payload = in.slice(start + HEADER_SIZE, length - HEADER_SIZE).asReadOnlyBuffer()
                    .order(ByteOrder.nativeOrder());
            messages.add(new NetlinkMessage(Short.toUnsignedInt(in.getShort(start + 4)),
                    Short.toUnsignedInt(in.getShort(start + 6)), in.getInt(start + 8), payload));
            in.position(Math.min(in.limit(), start + ((length + 3) & ~3)));
        }
        return messages;
    }
}
