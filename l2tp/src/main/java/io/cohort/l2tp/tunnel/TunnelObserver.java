package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.session.Session;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** What a tunnel reports to the node that owns it. Called on the engine's thread. */
public interface TunnelObserver {
    void transmit(InetSocketAddress peer, ByteBuffer datagram);

    void tunnelUp(Tunnel tunnel);

    /** The tunnel stopped carrying sessions; it may linger (5.7) until {@link #tunnelReleased}. */
    void tunnelDown(Tunnel tunnel, String reason);

    /** The tunnel's state can be dropped: its ID may be reused. */
    void tunnelReleased(Tunnel tunnel);

    /**
     * A non-zero Session ID for a new session in {@code tunnel}, or 0 to refuse it because a
     * limit is reached.
     */
    int allocateSessionId(Tunnel tunnel);

    void sessionUp(Session session);

    void sessionData(Session session, ByteBuffer frame);

    void sessionDown(Session session, String reason);

    /**
     * A session control message (not a CDN) for our Session ID {@code localSessionId}, which no
     * call of {@code tunnel} has; the node may answer it with {@link Tunnel#disownSession}.
     */
    void unknownSession(Tunnel tunnel, int localSessionId);
}
