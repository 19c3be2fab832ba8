package io.cohort.server.pptp;

import io.cohort.dataplane.tcprepair.TcpConnectionState;
import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.pptp.control.ControlConnectionEssentialState;
import io.cohort.pptp.control.ControlConnectionInitialState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.gre.GreChannelEssentialState;
import io.cohort.pptp.gre.GreChannelInitialState;
import java.util.List;
import java.util.Map;

/**
 * One control connection as another member published it (patent, figure 7), decoded and ready to
 * rebuild: its control connection's records, its TCP connection, and each call it carries with
 * the call's data channel and PPP link where all of them were published ({@code sessions}); a
 * call named by {@code calls} without a complete session (its PPP link was still negotiating) is
 * rebuilt on the control connection and then cleared.
 *
 * @param id       the connection's identifier ({@link PptpStateKeys#connection})
 * @param calls    the initial state of each call {@code essential} names
 * @param sessions the complete sessions, by our Call ID
 */
record ReplicatedConnection(long id, ControlConnectionInitialState initial, ControlConnectionEssentialState essential,
                            TcpConnectionState tcp, List<PptpCall> calls, Map<Integer, Session> sessions) {
    ReplicatedConnection {
        calls = List.copyOf(calls);
        sessions = Map.copyOf(sessions);
    }

    /** A call's data channel and PPP link. */
    record Session(GreChannelInitialState greInitial, GreChannelEssentialState greEssential,
                   PppLinkInitialState pppInitial, PppLinkEssentialState pppEssential) {
        @Override
        public String toString() {
            return "Session[keys redacted]"; // the PPP records hold MPPE keys
        }
    }

    @Override
    public String toString() {
        return "ReplicatedConnection[" + Long.toHexString(id) + ", " + calls.size() + " calls]";
    }
}
