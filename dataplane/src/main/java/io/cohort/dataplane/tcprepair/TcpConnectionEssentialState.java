package io.cohort.dataplane.tcprepair;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The essential state (patent, figure 7) of a TCP connection: what changes as it carries bytes
 * and must be sent again on each change, so that the new owner continues the very connection.
 * 32 bytes plus the queued octets, which a quiet control connection (every message answered and
 * acknowledged) does not have.
 *
 * <p>The sequence numbers are those the queues end at, as TCP_QUEUE_SEQ reads them: SND.UNA is
 * {@code sendSequence - unacknowledged.length} and the next octet the application reads is
 * {@code receiveSequence - unread.length}. See {@link TcpConnectionInitialState} for what is
 * calculable.
 *
 * @param sendSequence the sequence number after the last octet written ({@code write_seq})
 * @param receiveSequence RCV.NXT, after the last octet received in order
 * @param window the window state of TCP_REPAIR_WINDOW
 * @param timestamp our TSval clock (RFC 7323 section 5.4) as TCP_TIMESTAMP reads it, so the
 *     peer's PAWS check keeps accepting what the new owner sends
 * @param unacknowledged octets written but not yet acknowledged by the peer (the send queue)
 * @param unread octets received and acknowledged but not yet read by the application
 */
public record TcpConnectionEssentialState(int sendSequence, int receiveSequence, TcpRepairWindow window,
        int timestamp, byte[] unacknowledged, byte[] unread) {
    public TcpConnectionEssentialState {
        Objects.requireNonNull(window, "window");
        unacknowledged = unacknowledged.clone();
        unread = unread.clone();
    }

    @Override
    public byte[] unacknowledged() {
        return unacknowledged.clone();
    }

    @Override
    public byte[] unread() {
        return unread.clone();
    }

    /** SND.UNA: the first octet the peer has not acknowledged. */
    public int sendUnacknowledged() {
        return sendSequence - unacknowledged.length;
    }

    /** The sequence number of the first octet the application has not read ({@code copied_seq}). */
    public int receiveUnread() {
        return receiveSequence - unread.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpConnectionEssentialState other && sendSequence == other.sendSequence
                && receiveSequence == other.receiveSequence && window.equals(other.window)
                && timestamp == other.timestamp && Arrays.equals(unacknowledged, other.unacknowledged)
                && Arrays.equals(unread, other.unread);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sendSequence, receiveSequence, window, timestamp, Arrays.hashCode(unacknowledged),
                Arrays.hashCode(unread));
    }

    /** Sequence numbers in hex and queue lengths only: the queued octets are the session's control traffic. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "TcpConnectionEssentialState[sendSequence=0x" + hex.toHexDigits(sendSequence)
                + ", receiveSequence=0x" + hex.toHexDigits(receiveSequence) + ", window=" + window
                + ", timestamp=" + Integer.toUnsignedString(timestamp)
                + ", unacknowledged=" + unacknowledged.length + " octets, unread=" + unread.length + " octets]";
    }
}
