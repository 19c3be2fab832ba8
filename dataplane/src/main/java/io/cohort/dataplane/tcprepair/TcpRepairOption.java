package io.cohort.dataplane.tcprepair;

import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCPOPT_MSS;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCPOPT_SACK_PERM;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCPOPT_TIMESTAMP;
import static io.cohort.dataplane.tcprepair.TcpRepairConstants.TCPOPT_WINDOW;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code struct tcp_repair_opt { __u32 opt_code; __u32 opt_val; }} of the array that
 * TCP_REPAIR_OPTIONS takes: a TCP option the handshake negotiated, replayed on a repaired socket
 * that never saw that handshake.
 */
public record TcpRepairOption(int code, int value) {
    /** sizeof(struct tcp_repair_opt). */
    public static final int SIZE = 8;

    /**
     * The options {@code initial} negotiated: MSS (RFC 9293 section 3.7.1); window scale (RFC 7323
     * section 2), whose value packs the send shift in the low and the receive shift in the high
     * 16 bits; SACK permitted (RFC 2018); timestamps (RFC 7323 section 3), value unused.
     */
    public static List<TcpRepairOption> negotiatedBy(TcpConnectionInitialState initial) {
        List<TcpRepairOption> options = new ArrayList<>();
        options.add(new TcpRepairOption(TCPOPT_MSS, initial.maximumSegmentSize()));
        if (initial.windowScaling()) {
            options.add(new TcpRepairOption(TCPOPT_WINDOW,
                    initial.sendWindowScale() | initial.receiveWindowScale() << 16));
        }
        if (initial.selectiveAcknowledgements()) {
            options.add(new TcpRepairOption(TCPOPT_SACK_PERM, 0));
        }
        if (initial.timestamps()) {
            options.add(new TcpRepairOption(TCPOPT_TIMESTAMP, 0));
        }
        return List.copyOf(options);
    }

    /** The array as the kernel reads it on this host. */
    public static byte[] encode(List<TcpRepairOption> options) {
        ByteBuffer b = ByteBuffer.allocate(options.size() * SIZE).order(ByteOrder.nativeOrder());
        options.forEach(o -> b.putInt(o.code).putInt(o.value));
        return b.array();
    }
}
