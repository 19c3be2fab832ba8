package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.wire.ControlMessage;
import java.util.Objects;

/**
 * A control message the tunnel has handed to its reliable channel and the peer has not yet
 * acknowledged (RFC 2661 5.8), as it is replicated: the message itself, not its bytes, because
 * every (re)transmission encodes it afresh with the current Nr, peer Tunnel ID and, for hidden
 * AVPs, a new Random Vector (4.3).
 *
 * @param peerSessionId the Session ID in its header: the peer's, or 0 for a tunnel message
 * @param message the message, with the AVPs to hide already marked
 */
public record PendingControlMessage(int peerSessionId, ControlMessage message) {

    public PendingControlMessage {
        Objects.requireNonNull(message, "message");
        if (peerSessionId < 0 || peerSessionId > 0xFFFF) {
            throw new IllegalArgumentException("session ID must be in 0..65535: " + peerSessionId);
        }
    }

    /** The type and address only: AVPs marked hidden (4.3) must not reach a log in cleartext. */
    @Override
    public String toString() {
        return "PendingControlMessage[" + message.type() + " to session " + peerSessionId + "]";
    }
}
