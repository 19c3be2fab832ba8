package io.cohort.dataplane.nfqueue;

import static io.cohort.dataplane.nfqueue.NfqueueConstants.*;

import io.cohort.dataplane.netlink.NetlinkMessage;
import io.cohort.dataplane.netlink.NetlinkRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The nfnetlink_queue messages of a listener that accepts every packet: bind, unbind, verdict,
 * and the packet message read back. Each message is an {@code nlmsghdr} (host order), a
 * {@code struct nfgenmsg} (family, version, res_id = the queue number in network order) and
 * attributes ({@code struct nlattr}: u16 length and type in host order), whose values
 * nfnetlink_queue keeps in network order. Sans I/O.
 */
public final class NfqueueMessages {
    /** struct nfgenmsg: u8 family, u8 version, be16 res_id. */
    static final int NFGENMSG_SIZE = 4;
    private static final int ATTRIBUTE_HEADER = 4;
    /** struct nfqnl_msg_packet_hdr: be32 packet_id, be16 hw_protocol, u8 hook (packed). */
    private static final int PACKET_HDR_SIZE = 7;

    private NfqueueMessages() {
    }

    /**
     * NFQNL_MSG_CONFIG binding queue {@code queue} to the sending socket in copy mode
     * NFQNL_COPY_META (the kernel copies none of the packet's bytes), with an ACK so that a
     * refusal (EPERM: another socket holds the queue) is reported.
     */
    public static byte[] bind(int queue, int sequence) {
        byte[] params = ByteBuffer.allocate(5).putInt(0).put((byte) NFQNL_COPY_META).array();
        return config(queue, NFQNL_CFG_CMD_BIND, NLM_F_REQUEST | NLM_F_ACK)
                .attribute(NFQA_CFG_PARAMS, params)
                .encode(sequence);
    }

    /** NFQNL_MSG_CONFIG unbinding queue {@code queue}: the kernel drops what is still queued. */
    public static byte[] unbind(int queue, int sequence) {
        return config(queue, NFQNL_CFG_CMD_UNBIND, NLM_F_REQUEST).encode(sequence);
    }

    /** NFQNL_MSG_VERDICT giving packet {@code packetId} of queue {@code queue} the verdict NF_ACCEPT. */
    public static byte[] accept(int queue, long packetId, int sequence) {
        byte[] verdict = ByteBuffer.allocate(8).putInt(NF_ACCEPT).putInt((int) packetId).array();
        return header(NFQNL_MSG_VERDICT, NLM_F_REQUEST, queue)
                .attribute(NFQA_VERDICT_HDR, verdict)
                .encode(sequence);
    }

    /**
     * The packet an NFQNL_MSG_PACKET message announces; empty for any other message type.
     *
     * @throws IllegalArgumentException if the message is a packet message without a well-formed
     *     NFQA_PACKET_HDR
     */
    public static Optional<QueuedPacket> packet(NetlinkMessage message) {
        if (message.type() != type(NFQNL_MSG_PACKET)) {
            return Optional.empty();
        }
        ByteBuffer payload = message.payload().duplicate().order(ByteOrder.nativeOrder());
        if (payload.remaining() < NFGENMSG_SIZE) {
            throw new IllegalArgumentException("queued packet message of " + payload.remaining() + " bytes has no nfgenmsg");
        }
        int queue = Short.toUnsignedInt(payload.order(ByteOrder.BIG_ENDIAN).getShort(2));
        payload.order(ByteOrder.nativeOrder()).position(NFGENMSG_SIZE);
        while (payload.remaining() >= ATTRIBUTE_HEADER) {
            int start = payload.position();
            int length = Short.toUnsignedInt(payload.getShort(start));
            int type = Short.toUnsignedInt(payload.getShort(start + 2)) & NLA_TYPE_MASK;
            if (length < ATTRIBUTE_HEADER || length > payload.remaining()) {
                throw new IllegalArgumentException("attribute " + type + " of length " + length + " with "
                        + payload.remaining() + " bytes left");
            }
            if (type == NFQA_PACKET_HDR) {
                if (length - ATTRIBUTE_HEADER < PACKET_HDR_SIZE) {
                    throw new IllegalArgumentException("NFQA_PACKET_HDR of " + (length - ATTRIBUTE_HEADER) + " bytes");
                }
                ByteBuffer header = payload.slice(start + ATTRIBUTE_HEADER, PACKET_HDR_SIZE).order(ByteOrder.BIG_ENDIAN);
                return Optional.of(new QueuedPacket(queue, Integer.toUnsignedLong(header.getInt(0)),
                        Short.toUnsignedInt(header.getShort(4)), Byte.toUnsignedInt(header.get(6))));
            }
            payload.position(Math.min(payload.limit(), start + ((length + 3) & ~3)));
        }
        throw new IllegalArgumentException("queued packet message without NFQA_PACKET_HDR");
    }

    /**
     * The errno of the kernel's ACK to request {@code sequence} (0 for success); empty if {@code
     * message} is not that ACK.
     */
    public static Optional<Integer> acknowledgement(NetlinkMessage message, int sequence) {
        if (message.type() != NLMSG_ERROR || message.sequence() != sequence) {
            return Optional.empty();
        }
        if (message.payload().remaining() < 4) {
            throw new IllegalArgumentException("NLMSG_ERROR of " + message.payload().remaining() + " bytes");
        }
        return Optional.of(-message.payload().duplicate().order(ByteOrder.nativeOrder()).getInt(0));
    }

    private static NetlinkRequest config(int queue, int command, int flags) {
        // struct nfqnl_msg_config_cmd: u8 command, u8 pad, be16 pf (ignored by BIND since Linux 3.8)
        byte[] cmd = {(byte) command, 0, 0, 0};
        return header(NFQNL_MSG_CONFIG, flags, queue).attribute(NFQA_CFG_CMD, cmd);
    }

    private static NetlinkRequest header(int message, int flags, int queue) {
        if (queue < 0 || queue > 0xFFFF) {
            throw new IllegalArgumentException("queue number " + queue + " is not 0..65535");
        }
        return NetlinkRequest.of(type(message), flags)
                .u8(AF_UNSPEC).u8(NFNETLINK_V0).u8(queue >>> 8).u8(queue & 0xFF);
    }

    private static int type(int message) {
        return NFNL_SUBSYS_QUEUE << 8 | message;
    }
}
