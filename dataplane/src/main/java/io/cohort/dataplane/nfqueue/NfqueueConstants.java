package io.cohort.dataplane.nfqueue;

/**
 * Constants from linux/netfilter/nfnetlink.h, linux/netfilter/nfnetlink_queue.h,
 * linux/netfilter.h and linux/netlink.h that the queue listener uses.
 */
final class NfqueueConstants {
    static final int AF_NETLINK = 16;
    static final int AF_UNSPEC = 0;
    static final int NETLINK_NETFILTER = 12;
    static final int SOL_NETLINK = 270;
    /** Netlink socket option: no ENOBUFS when the receive buffer overflows (netlink(7)). */
    static final int NETLINK_NO_ENOBUFS = 5;
    static final int ENOBUFS = 105;

    static final int NLMSG_ERROR = 2;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;

    /** nfnetlink subsystem of the queue: message types are {@code NFNL_SUBSYS_QUEUE << 8 | msg}. */
    static final int NFNL_SUBSYS_QUEUE = 3;
    static final int NFNETLINK_V0 = 0;
    static final int NFQNL_MSG_PACKET = 0;
    static final int NFQNL_MSG_VERDICT = 1;
    static final int NFQNL_MSG_CONFIG = 2;

    /** Attributes of NFQNL_MSG_CONFIG. */
    static final int NFQA_CFG_CMD = 1;
    static final int NFQA_CFG_PARAMS = 2;
    static final int NFQNL_CFG_CMD_BIND = 1;
    static final int NFQNL_CFG_CMD_UNBIND = 2;
    /** Copy mode: the packet's metadata (id, hook, interfaces), none of its bytes. */
    static final int NFQNL_COPY_META = 1;

    /** Attributes of NFQNL_MSG_PACKET and NFQNL_MSG_VERDICT. */
    static final int NFQA_PACKET_HDR = 1;
    static final int NFQA_VERDICT_HDR = 2;
    /** nla_type's flag bits (NLA_F_NESTED, NLA_F_NET_BYTEORDER), masked off to get the type. */
    static final int NLA_TYPE_MASK = 0x3fff;

    static final int NF_DROP = 0;
    static final int NF_ACCEPT = 1;

    /** nf_tables (linux/netfilter/nf_tables.h): a rule appended in a batch. */
    static final int NFNL_SUBSYS_NFTABLES = 10;
    static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    static final int NFNL_MSG_BATCH_END = 0x11;
    static final int NFT_MSG_NEWRULE = 6;
    static final int NFPROTO_IPV4 = 2;
    static final int NLM_F_CREATE = 0x400;
    static final int NLM_F_APPEND = 0x800;
    static final int NLA_F_NESTED = 0x8000;
    static final int NFTA_RULE_TABLE = 1;
    static final int NFTA_RULE_CHAIN = 2;
    static final int NFTA_RULE_EXPRESSIONS = 4;
    static final int NFTA_LIST_ELEM = 1;
    static final int NFTA_EXPR_NAME = 1;
    static final int NFTA_EXPR_DATA = 2;
    static final int NFTA_TARGET_NAME = 1;
    static final int NFTA_TARGET_REV = 2;
    static final int NFTA_TARGET_INFO = 3;
    /** xt_NFQUEUE's revision 3: struct xt_NFQ_info_v3 { u16 queuenum, queues_total, flags; }. */
    static final int NFQUEUE_TARGET_REVISION = 3;

    private NfqueueConstants() {
    }
}
