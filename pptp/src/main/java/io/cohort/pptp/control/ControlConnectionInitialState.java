package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;
import java.util.Objects;

/**
 * The initial state of an established {@link ControlConnection} (the patent's figure 7, "Initial
 * State", sent once when the connection is established): what the peer said of itself in its
 * Start-Control-Connection-Request (RFC 2637 2.1), its protocol version, framing and bearer
 * capabilities, maximum channels, firmware revision, host name and vendor. What we answered comes
 * from {@link ControlSettings}, the same on every member. About 150 octets per connection, most
 * of them the two 64-octet names.
 *
 * @param peerStart the peer's Start-Control-Connection-Request
 */
public record ControlConnectionInitialState(ControlMessage.StartControlConnectionRequest peerStart) {
    public ControlConnectionInitialState {
        Objects.requireNonNull(peerStart, "peerStart");
    }
}
