package io.cohort.l2tp.session;

import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.MessageType;
import java.nio.ByteBuffer;
import java.util.List;

/** What a session needs from the tunnel that carries it. */
public interface SessionLink {
    int localTunnelId();

    int peerTunnelId();

    /**
     * Queues a control message for reliable delivery with {@code peerSessionId} in the header;
     * the tunnel hides AVPs per its configuration.
     */
    void sendControl(int peerSessionId, MessageType type, List<Avp> avps);

    /** Sends an encoded data packet to the tunnel's peer. */
    void transmitData(ByteBuffer packet);

    void sessionUp(Session session);

    /** A PPP frame arrived; {@code frame} is valid only during the call. */
    void sessionData(Session session, ByteBuffer frame);

    /** The session is gone and must be forgotten by the tunnel. */
    void sessionDown(Session session, String reason);
}
