package io.cohort.server.pptp;

import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.gre.GreChannel;
import io.cohort.server.registry.SessionKey;
import io.cohort.server.sessions.PppSession;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One PPTP call on the engine thread: its {@link GreChannel} (sequencing and acknowledgments of
 * RFC 2637 4.2–4.4) between the GRE socket and the call's {@link PppSession}. Packets to the call
 * are found by the peer's address and our Call ID, which the peer puts in the GRE key (4.1).
 */
final class GreCall implements GreChannel.Output {
    private final PptpConnection connection;
    private final PptpCall call;
    private final Inet4Address peer;
    private final SessionKey key;
    private final GreSender sender;
    private GreChannel channel;
    private PppSession<GreCall> session;
    /** Whether the PPP link's initial state has been published (the link is up). */
    private boolean publishedUp;

    GreCall(PptpConnection connection, PptpCall call, Inet4Address peer, SessionKey key, GreSender sender) {
        this.connection = Objects.requireNonNull(connection);
        this.call = Objects.requireNonNull(call);
        this.peer = Objects.requireNonNull(peer);
        this.key = Objects.requireNonNull(key);
        this.sender = Objects.requireNonNull(sender);
    }

    /** Sets the channel and the session, once, before any packet flows. */
    void attach(GreChannel greChannel, PppSession<GreCall> pppSession) {
        if (channel != null) {
            throw new IllegalStateException("already attached");
        }
        channel = Objects.requireNonNull(greChannel);
        session = Objects.requireNonNull(pppSession);
    }

    /** The demultiplexing key of packets to this call: the peer's address and our Call ID. */
    long demuxKey() {
        return demuxKey(peer, call.callId());
    }

    static long demuxKey(Inet4Address source, int ourCallId) {
        byte[] a = source.getAddress();
        long address = ((a[0] & 0xFFL) << 24) | ((a[1] & 0xFF) << 16) | ((a[2] & 0xFF) << 8) | (a[3] & 0xFF);
        return address << 16 | ourCallId;
    }

    PptpConnection connection() {
        return connection;
    }

    PptpCall call() {
        return call;
    }

    SessionKey key() {
        return key;
    }

    GreChannel channel() {
        return channel;
    }

    PppSession<GreCall> session() {
        return session;
    }

    @Override
    public void transmit(ByteBuffer grePacket) {
        sender.send(peer, grePacket);
    }

    @Override
    public void deliver(ByteBuffer pppFrame) {
        session.receiveFrame(pppFrame);
        if (!publishedUp) {
            // The frame that completes IPCP (and MPPE) brings the link up (patent, figure 7: initial state).
            publishedUp = connection.replication().linkUp(this);
        }
    }

    /** Records whether the link's initial state has been published, e.g. by the lazy sweep. */
    void markPublishedUp(boolean published) {
        publishedUp = published;
    }

    @Override
    public String toString() {
        return "call " + call.callId() + " (peer's " + call.peerCallId() + ") with " + peer.getHostAddress();
    }
}
