package io.cohort.dataplane.tcprepair;

/** The socket options and codes of Linux TCP repair, as {@code linux/tcp.h} numbers them (see tcp(7)). */
final class TcpRepairConstants {
    static final int TCP_MAXSEG = 2;
    static final int TCP_INFO = 11;
    static final int TCP_REPAIR = 19;
    static final int TCP_REPAIR_QUEUE = 20;
    static final int TCP_QUEUE_SEQ = 21;
    static final int TCP_REPAIR_OPTIONS = 22;
    static final int TCP_TIMESTAMP = 24;
    static final int TCP_REPAIR_WINDOW = 29;

    /** TCP_REPAIR values: on, off with a window probe so the peer learns we are back, off without one. */
    static final int TCP_REPAIR_ON = 1;
    static final int TCP_REPAIR_OFF = 0;
    static final int TCP_REPAIR_OFF_NO_WP = -1;

    /** TCP_REPAIR_QUEUE values. */
    static final int TCP_NO_QUEUE = 0;
    static final int TCP_RECV_QUEUE = 1;
    static final int TCP_SEND_QUEUE = 2;

    /** TCP option kinds (RFC 9293 section 3.2; RFC 7323; RFC 2018) as TCP_REPAIR_OPTIONS codes. */
    static final int TCPOPT_MSS = 2;
    static final int TCPOPT_WINDOW = 3;
    static final int TCPOPT_SACK_PERM = 4;
    static final int TCPOPT_TIMESTAMP = 8;

    /** struct tcp_info: tcpi_state at 0, tcpi_options at 5, snd_wscale:4 | rcv_wscale:4 at 6. */
    static final int TCP_INFO_STATE = 0;
    static final int TCP_INFO_OPTIONS = 5;
    static final int TCP_INFO_WSCALE = 6;
    static final int TCPI_OPT_TIMESTAMPS = 1;
    static final int TCPI_OPT_SACK = 2;
    static final int TCPI_OPT_WSCALE = 4;
    static final int TCP_ESTABLISHED = 1;

    /** SIOCINQ (FIONREAD) and SIOCOUTQ (TIOCOUTQ): bytes in the receive and send queues. */
    static final long SIOCINQ = 0x541B;
    static final long SIOCOUTQ = 0x5411;

    private TcpRepairConstants() {
    }
}
