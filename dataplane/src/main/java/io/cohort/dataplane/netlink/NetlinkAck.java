package io.cohort.dataplane.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the kernel's answer to a request sent with NLM_F_ACK: an NLMSG_ERROR message whose
 * payload starts with {@code int error} (0 for success, -errno otherwise) followed by the
 * header of the request it answers.
 */
final class NetlinkAck {
    private NetlinkAck() {
    }

    /**
     * The errno of the ACK for {@code sequence} in {@code reply} (0 = success), or -1 if the reply
     * holds no ACK for it (callers then read on). Malformed replies throw IllegalArgumentException.
     */
    static int errnoFor(ByteBuffer reply, int sequence) {
        ByteBuffer in = reply.duplicate().order(ByteOrder.nativeOrder());
        while (in.remaining() >= NetlinkRequest.HEADER_SIZE) {
            int start = in.position();
            int length = in.getInt(start);
            int type = Short.toUnsignedInt(in.getShort(start + 4));
            int seq = in.getInt(start + 8);
            if (length < NetlinkRequest.HEADER_SIZE || length > in.remaining()) {
                throw new IllegalArgumentException("malformed netlink message: length " + length
                        + " with " + in.remaining() + " bytes left");
            }
            if (type == Rtnetlink.NLMSG_ERROR && seq == sequence) {
                if (length < NetlinkRequest.HEADER_SIZE + 4) {
                    throw new IllegalArgumentException("NLMSG_ERROR too short: " + length);
                }
                return -in.getInt(start + NetlinkRequest.HEADER_SIZE);
            }
            in.position(start + ((length + 3) & ~3));
        }
        return -1;
    }
}
