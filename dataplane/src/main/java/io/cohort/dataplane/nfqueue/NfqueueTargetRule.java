package io.cohort.dataplane.nfqueue;

import static io.cohort.dataplane.nfqueue.NfqueueConstants.*;

import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.netlink.NetlinkRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Appends to an nftables chain of an {@code ip} table the rule whose only expression is the
 * xtables target NFQUEUE (revision 3, one queue, no {@code --queue-bypass}), through nft_compat.
 *
 * <p>Why not nft's own {@code queue num N} statement: kernels built without CONFIG_NFT_QUEUE (the
 * development kernel among them) refuse it with ENOENT, and libnftables cannot write an xtables
 * target. nft_compat with xt_NFQUEUE (CONFIG_NFT_COMPAT, CONFIG_NETFILTER_XT_TARGET_NFQUEUE, in
 * Debian's kernels as modules) queues the same way: without the bypass flag a packet for a queue
 * no socket holds is dropped. nft_compat serves the {@code ip}, {@code ip6}, {@code bridge} and
 * {@code arp} families only, hence an {@code ip} table. {@code nft list} shows the rule as
 * {@code xt target "NFQUEUE"}; deleting the table deletes it.
 *
 * <p>The message is a batch (NFNL_MSG_BATCH_BEGIN, NFT_MSG_NEWRULE with NLM_F_ACK,
 * NFNL_MSG_BATCH_END), one nf_tables transaction.
 */
public final class NfqueueTargetRule {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final int ALIGN = 4;

    private NfqueueTargetRule() {
    }

    /**
     * Appends the rule to chain {@code chain} of table {@code ip table} in the calling thread's
     * network namespace; the chain must exist.
     *
     * @throws SystemCallException with the kernel's errno if it refuses (ENOENT: no such chain, or
     *     no nft_compat or xt_NFQUEUE in this kernel)
     */
    public static void append(String table, String chain, int queue) throws SystemCallException {
        try (NetfilterSocket socket = NetfilterSocket.open("nftables chain ip " + table + " " + chain)) {
            socket.send(batch(table, chain, queue, 1), "NFT_MSG_NEWRULE");
            socket.awaitAck(1, 2, "NFT_MSG_NEWRULE (xt target NFQUEUE)");
        }
    }

    /**
     * The batch whose messages carry sequence numbers {@code sequence} (begin), {@code sequence +
     * 1} (the rule, acknowledged) and {@code sequence + 2} (end).
     */
    static byte[] batch(String table, String chain, int queue, int sequence) {
        checkName(table);
        checkName(chain);
        if (queue < 0 || queue > 0xFFFF) {
            throw new IllegalArgumentException("queue number " + queue + " is not 0..65535");
        }
        byte[] begin = batchControl(NFNL_MSG_BATCH_BEGIN).encode(sequence);
        byte[] rule = NetlinkRequest.of(NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_NEWRULE,
                        NLM_F_REQUEST | NLM_F_CREATE | NLM_F_APPEND | NLM_F_ACK)
                .u8(NFPROTO_IPV4).u8(NFNETLINK_V0).u8(0).u8(0)
                .attribute(NFTA_RULE_TABLE, string(table))
                .attribute(NFTA_RULE_CHAIN, string(chain))
                .attribute(NFTA_RULE_EXPRESSIONS | NLA_F_NESTED, attribute(NFTA_LIST_ELEM | NLA_F_NESTED,
                        concat(attribute(NFTA_EXPR_NAME, string("target")),
                                attribute(NFTA_EXPR_DATA | NLA_F_NESTED, targetData(queue)))))
                .encode(sequence + 1);
        byte[] end = batchControl(NFNL_MSG_BATCH_END).encode(sequence + 2);
        return concat(begin, rule, end);
    }

    /** NFTA_TARGET_NAME, NFTA_TARGET_REV (network order), NFTA_TARGET_INFO (host order, 8 bytes). */
    private static byte[] targetData(int queue) {
        byte[] info = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .putShort((short) queue).putShort((short) 1).putShort((short) 0).array(); // queuenum, total, flags
        byte[] revision = ByteBuffer.allocate(4).putInt(NFQUEUE_TARGET_REVISION).array();
        return concat(attribute(NFTA_TARGET_NAME, string("NFQUEUE")), attribute(NFTA_TARGET_REV, revision),
                attribute(NFTA_TARGET_INFO, info));
    }

    /** Batch begin or end: nfgenmsg's res_id names the nf_tables subsystem (network order). */
    private static NetlinkRequest batchControl(int type) {
        return NetlinkRequest.of(type, NLM_F_REQUEST).u8(AF_UNSPEC).u8(NFNETLINK_V0).u8(0).u8(NFNL_SUBSYS_NFTABLES);
    }

    /** One struct nlattr (u16 length, u16 type, host order) with its value, padded to 4 bytes. */
    private static byte[] attribute(int type, byte[] value) {
        int length = ALIGN + value.length;
        ByteBuffer out = ByteBuffer.allocate((length + ALIGN - 1) & ~(ALIGN - 1)).order(ByteOrder.nativeOrder());
        out.putShort((short) length).putShort((short) type).put(value);
        return out.array();
    }

    private static byte[] string(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        byte[] terminated = new byte[ascii.length + 1];
        System.arraycopy(ascii, 0, terminated, 0, ascii.length);
        return terminated;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("nftables name '" + name + "' is not " + NAME.pattern());
        }
    }
}
