package io.cohort.dataplane.tcprepair;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct tcp_repair_window} (linux/tcp.h), read and written with TCP_REPAIR_WINDOW: the
 * window state of RFC 9293 section 3.3.1 that the sequence numbers alone do not give. Each field
 * is a {@code __u32} in host byte order; values are held as the raw 32 bits (compare sequence
 * numbers modulo 2^32).
 *
 * @param sendWindowUpdateSequence SND.WL1, the peer's sequence number when the send window last changed
 * @param sendWindow SND.WND, the window the peer last advertised (already scaled)
 * @param maxWindow the largest window the peer has advertised
 * @param receiveWindow RCV.WND, the window we last advertised
 * @param receiveWindowUpdate the RCV.NXT at which we last advertised it ({@code rcv_wup})
 */
public record TcpRepairWindow(int sendWindowUpdateSequence, int sendWindow, int maxWindow, int receiveWindow,
        int receiveWindowUpdate) {
    /** sizeof(struct tcp_repair_window). */
    public static final int SIZE = 20;

    public TcpRepairWindow {
        if (Integer.compareUnsigned(maxWindow, sendWindow) < 0) {
            throw new IllegalArgumentException("max_window " + Integer.toUnsignedString(maxWindow)
                    + " is below snd_wnd " + Integer.toUnsignedString(sendWindow));
        }
    }

    /** The struct as the kernel lays it out on this host. */
    public byte[] encode() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder()).putInt(sendWindowUpdateSequence)
                .putInt(sendWindow).putInt(maxWindow).putInt(receiveWindow).putInt(receiveWindowUpdate).array();
    }

    public static TcpRepairWindow decode(byte[] struct) {
        if (struct.length != SIZE) {
            throw new IllegalArgumentException("struct tcp_repair_window is " + SIZE + " bytes, not " + struct.length);
        }
        ByteBuffer b = ByteBuffer.wrap(struct).order(ByteOrder.nativeOrder());
        return new TcpRepairWindow(b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt());
    }
}
