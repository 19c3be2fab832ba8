package io.cohort.pptp.control;

import io.cohort.telemetry.AnswerBudget;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * Answers GRE for a call that has no state anywhere with a Call-Disconnect-Notify on the control
 * connection the GRE's source holds here ({@link ControlConnection#disconnectUnknownCall}), so that
 * the PNS clears the call at once and can place it again.
 *
 * <p>Answered only when it is certain where: exactly one control connection from that address is
 * held here (with several, the Call ID alone does not say whose call it was). With none there is
 * nothing to answer on, and nothing is needed: the PNS's next segment on its TCP connection meets
 * a host without that connection, and the kernel answers it with a reset (RFC 793 3.4, "Reset
 * Generation": a segment for a connection that does not exist is answered with RST), which ends
 * the PNS's control connection and its calls.
 *
 * <p>Never answered: a call whose state may live on another member (the caller's
 * {@code stateNowhereElse}: the member serves the units of both the call and the connection), and
 * anything over the {@link AnswerBudget}, so that spoofed GRE cannot make us a reflector. The
 * connections are looked up only once the budget has room for the peer: a flood costs no scan.
 */
public final class UnknownCallAnswers {
    private final AnswerBudget budget;
    private final RateLimitedLog log;
    private final Counter answered;
    private final Counter noConnection;
    private final Counter ambiguous;
    private final Counter elsewhere;
    private final Counter overBudget;
    private final Counter notEstablished;

    public UnknownCallAnswers(AnswerBudget budget, Counters counters, RateLimitedLog log) {
        this.budget = budget;
        this.log = log;
        this.answered = counters.counter("pptp.tx.unknown_call_answer");
        this.noConnection = counters.counter("pptp.tx.unknown_call_answer.skipped.no_connection");
        this.ambiguous = counters.counter("pptp.tx.unknown_call_answer.skipped.several_connections");
        this.elsewhere = counters.counter("pptp.tx.unknown_call_answer.skipped.state_elsewhere");
        this.overBudget = counters.counter("pptp.tx.unknown_call_answer.skipped.rate");
        this.notEstablished = counters.counter("pptp.tx.unknown_call_answer.skipped.not_established");
    }

    /**
     * GRE from {@code peer} for our Call ID {@code callId}, which no call here has.
     *
     * @param connectionsFrom  the established control connections from {@code peer} held here
     * @param stateNowhereElse whether no state of the call or of those connections can live on another member
     * @return whether a Call-Disconnect-Notify went out
     */
    public boolean unknownCall(InetAddress peer, int callId, Supplier<List<ControlConnection>> connectionsFrom,
            boolean stateNowhereElse) {
        if (!stateNowhereElse) {
            elsewhere.increment();
            return false;
        }
        if (!budget.available(peer)) {
            overBudget.increment();
            return false;
        }
        List<ControlConnection> connections = connectionsFrom.get();
        if (connections.isEmpty()) {
            noConnection.increment();
            return false;
        }
        if (connections.size() > 1) {
            ambiguous.increment();
            return false;
        }
        if (!budget.tryAcquire(peer)) {
            overBudget.increment();
            return false;
        }
        if (!connections.getFirst().disconnectUnknownCall(callId)) {
            notEstablished.increment();
            return false;
        }
        answered.increment();
        log.log(Level.INFO, "pptp.unknown_call_answer", "Call-Disconnect-Notify to %s: call %d is unknown here",
                peer.getHostAddress(), callId);
        return true;
    }
}
