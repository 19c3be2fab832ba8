package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * The essential state of one established call on a {@link ControlConnection} (the patent's
 * figure 7, "Essential State", sent on each change): what the peer reported about the call since
 * it was set up. The call's initial state, sent once, is its {@link PptpCall}: both Call IDs,
 * the call serial number, the connect speed, both receive windows and the peer's packet
 * processing delay. A call held by the PAC is always established (3.2.4.1: Cohort answers an
 * Outgoing-Call-Request Connected at once), so its state needs no field. At most 34 octets.
 *
 * @param callId    our Call ID, naming the call's {@link PptpCall}
 * @param linkInfo  the last Set-Link-Info (2.15), if any
 * @param wanErrors the last WAN-Error-Notify (2.14), if any
 */
public record PptpCallEssentialState(int callId, Optional<ControlMessage.SetLinkInfo> linkInfo,
        Optional<ControlMessage.WanErrorNotify> wanErrors) {
    public PptpCallEssentialState {
        Objects.requireNonNull(linkInfo, "linkInfo");
        Objects.requireNonNull(wanErrors, "wanErrors");
        if (callId < 0 || callId > 0xFFFF) {
            throw new IllegalArgumentException("Call IDs are 16-bit");
        }
    }
}
