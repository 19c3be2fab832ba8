package io.cohort.l2tp.session;

import java.util.Objects;

/**
 * The initial state of one call (RFC 2661 7.4; patent figure 7, initial portion 702): fixed
 * once the call is set up, so sent once. A LAC learns {@code peerSessionId} from the ICRP
 * (7.4.1); until then it is 0 and the record is sent again with the change.
 *
 * @param localSessionId our Session ID, in the header of everything the peer sends for the call
 * @param peerSessionId the peer's Assigned Session ID, in the header of everything we send
 * @param role whether we placed the call (LAC) or answered it (LNS)
 * @param callSerialNumber the Call Serial Number of the ICRQ (4.4.5)
 * @param requestSequencing whether we asked for sequenced data (Sequencing Required, 4.4.6)
 */
public record L2tpSessionInitialState(int localSessionId, int peerSessionId, SessionRole role, long callSerialNumber,
        boolean requestSequencing) {

    public L2tpSessionInitialState {
        Objects.requireNonNull(role, "role");
        if (localSessionId <= 0 || localSessionId > 0xFFFF) {
            throw new IllegalArgumentException("session ID must be in 1..65535: " + localSessionId);
        }
        if (peerSessionId < 0 || peerSessionId > 0xFFFF) {
            throw new IllegalArgumentException("peer session ID must be in 0..65535: " + peerSessionId);
        }
    }
}
