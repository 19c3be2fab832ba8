package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;
import java.util.Optional;

/**
 * A call as an operator or test sees it: its set-up values and what the peer reported since.
 *
 * @param linkInfo  the last Set-Link-Info (2.15): the ACCMs PPP negotiated; meaningless to a
 *                  PPP-over-GRE end but recorded
 * @param wanErrors the last WAN-Error-Notify (2.14): cumulative error counts
 */
public record CallSnapshot(PptpCall call, Optional<ControlMessage.SetLinkInfo> linkInfo,
        Optional<ControlMessage.WanErrorNotify> wanErrors) {
}
