package io.cohort.dataplane.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's answer to one request, gathered datagram by datagram (rtnetlink(7), netlink(7)):
 * the messages that carry the request's sequence number, up to the end of the answer. An answer
 * ends with NLMSG_ERROR (the ACK: 0 for success, -errno otherwise), with NLMSG_DONE (the end of
 * a dump, whose payload may carry a negative error too), or with the first message not flagged
 * NLM_F_MULTI (the single answer to a get sent without NLM_F_ACK). Messages of other sequence
 * numbers are left out. Sans I/O: {@link NetlinkSocket} feeds it what it receives.
 */
final class NetlinkReply {
    private final int sequence;
    private final List<NetlinkMessage> messages = new ArrayList<>();
    private boolean complete;
    private int errno;

    NetlinkReply(int sequence) {
        this.sequence = sequence;
    }

    /**
     * Takes one received datagram; true once the answer is complete (later messages are then
     * ignored).
     *
     * @throws IllegalArgumentException if the datagram is malformed
     */
    boolean take(ByteBuffer datagram) {
        for (NetlinkMessage message : NetlinkMessage.split(datagram)) {
            if (complete || message.sequence() != sequence) {
                continue;
            }
            switch (message.type()) {
                case Rtnetlink.NLMSG_ERROR -> {
                    if (message.payload().remaining() < 4) {
                        throw new IllegalArgumentException("NLMSG_ERROR too short: " + message.payload().remaining());
                    }
                    errno = -message.payload().getInt(0);
                    complete = true;
                }
                case Rtnetlink.NLMSG_DONE -> {
                    if (message.payload().remaining() >= 4 && message.payload().getInt(0) < 0) {
                        errno = -message.payload().getInt(0);
                    }
                    complete = true;
                }
                default -> {
                    messages.add(message);
                    complete = (message.flags() & Rtnetlink.NLM_F_MULTI) == 0;
                }
            }
        }
        return complete;
    }

    /** The answer's messages other than the ACK or NLMSG_DONE that ended it. */
    List<NetlinkMessage> messages() {
        return List.copyOf(messages);
    }

    /** The kernel's errno: 0 unless it refused the request. */
    int errno() {
        return errno;
    }
}
