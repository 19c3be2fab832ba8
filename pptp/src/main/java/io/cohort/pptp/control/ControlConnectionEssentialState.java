package io.cohort.pptp.control;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The essential state of a {@link ControlConnection} (the patent's figure 7, "Essential State",
 * sent on each change): with its {@link ControlConnectionInitialState} and each call's
 * {@link PptpCall}, what a new owner of the TCP connection needs to carry the control connection
 * on. It changes when a call comes up or goes down, when the peer reports on a call, when we send
 * an Echo-Request or it is answered (at most once a minute when idle, 3.1.4), and when we start
 * stopping the connection. About 6 octets plus 2 to 34 per call.
 *
 * <p>Only an established connection, or one waiting for the reply to our
 * Stop-Control-Connection-Request, has this state (3.1.2): one still idle has said nothing yet,
 * and a new owner starts a fresh {@link ControlConnection} on the TCP connection instead; a
 * closed one is gone.
 *
 * <p>Calculable, never carried: the time of the last message from the peer (a rebuilt connection
 * counts its silence from the rebuild, 3.1.4), when an outstanding Echo-Request was sent (its
 * time-out counts from the rebuild too), the deadline of the stop reply (a full stop-reply
 * time-out from the rebuild, 3.2.1), the timers, the member-wide call capacity and Call ID
 * allocation (re-taken for the carried calls), and the counters. The framer's partial message is
 * not carried either: the replicated TCP state must name the stream offset after the last whole
 * message consumed (1.4), so that the rest arrives again.
 *
 * @param state            {@link ControlState#ESTABLISHED} or {@link ControlState#WAIT_STOP_REPLY}
 * @param echoIdentifier   the identifier of our last Echo-Request (0: none sent yet, 2.5); 0 once
 *                         stopping, as the keepalive is for an established connection (3.1.4 item 2)
 * @param echoOutstanding  whether that Echo-Request awaits its Echo-Reply; false once stopping
 * @param calls            the established calls, by our Call ID (none once stopping: 2.3 clears them first)
 */
public record ControlConnectionEssentialState(ControlState state, long echoIdentifier, boolean echoOutstanding,
        List<PptpCallEssentialState> calls) {

    public ControlConnectionEssentialState {
        Objects.requireNonNull(state, "state");
        calls = List.copyOf(calls);
        if (state != ControlState.ESTABLISHED && state != ControlState.WAIT_STOP_REPLY) {
            throw new IllegalArgumentException("only an established or stopping connection is carried, not " + state);
        }
        if (state == ControlState.WAIT_STOP_REPLY && (!calls.isEmpty() || echoIdentifier != 0 || echoOutstanding)) {
            throw new IllegalArgumentException("a stopping connection has cleared its calls (2.3) and probes no more");
        }
        if (echoIdentifier < 0 || echoIdentifier > 0xFFFF_FFFFL || (echoOutstanding && echoIdentifier == 0)) {
            throw new IllegalArgumentException("Echo identifiers are 32-bit, counted from 1");
        }
        Set<Integer> ids = new HashSet<>();
        for (PptpCallEssentialState call : calls) {
            if (!ids.add(call.callId())) {
                throw new IllegalArgumentException("Call ID " + call.callId() + " appears twice");
            }
        }
    }
}
