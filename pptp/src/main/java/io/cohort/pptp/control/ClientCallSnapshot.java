package io.cohort.pptp.control;

import java.util.Optional;

/**
 * An outgoing call as an operator or test sees it on the PNS side.
 *
 * @param callId our Call ID, sent in the Outgoing-Call-Request
 * @param call   the set-up values, once the Outgoing-Call-Reply said Connected
 */
public record ClientCallSnapshot(int callId, ClientCallState state, Optional<PptpCall> call) {
}
