package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.GeneralError;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.StopCcnResult;
import io.cohort.l2tp.wire.TunnelAuthentication;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The three-message control connection establishment of RFC 2661 7.2.1 with tunnel
 * authentication (5.1.1): SCCRQ, SCCRP, SCCCN, each checked for acceptability. An unacceptable
 * message is answered with StopCCN and the tunnel is cleared.
 */
final class TunnelSetup {

    private TunnelSetup() {}

    /** LNS in idle: answer an acceptable SCCRQ with SCCRP (wait-ctl-conn). */
    static void onSccrq(Tunnel t, ControlMessage m) {
        if (!expected(t, TunnelRole.LNS, TunnelState.IDLE, m)) {
            return;
        }
        if (!acceptable(t, m)) {
            return;
        }
        Optional<Avp.Challenge> challenge = m.find(Avp.Challenge.class);
        List<Avp> avps = new ArrayList<>(TunnelMessages.tunnelStart(t.settings(), t.localTunnelId()));
        if (!answerChallenge(t, challenge, MessageType.SCCRP, avps)) {
            return;
        }
        if (t.settings().secret().isPresent()) {
            byte[] c = t.newChallenge();
            t.setOurChallenge(c);
            avps.add(new Avp.Challenge(c));
        }
        t.setState(TunnelState.WAIT_CTL_CONN);
        t.send(0, MessageType.SCCRP, avps);
    }

    /** LAC in wait-ctl-reply: check an SCCRP, answer with SCCCN, established. */
    static void onSccrp(Tunnel t, ControlMessage m) {
        if (!expected(t, TunnelRole.LAC, TunnelState.WAIT_CTL_REPLY, m)) {
            return;
        }
        if (!acceptable(t, m)) {
            return;
        }
        if (!t.peerAnsweredChallenge(m)) {
            authenticationFailed(t, "SCCRP");
            return;
        }
        List<Avp> avps = new ArrayList<>(1);
        if (!answerChallenge(t, m.find(Avp.Challenge.class), MessageType.SCCCN, avps)) {
            return;
        }
        t.send(0, MessageType.SCCCN, avps);
        t.establish();
    }

    /** LNS in wait-ctl-conn: an SCCCN with the right Challenge Response establishes the tunnel. */
    static void onScccn(Tunnel t, ControlMessage m) {
        if (!expected(t, TunnelRole.LNS, TunnelState.WAIT_CTL_CONN, m)) {
            return;
        }
        if (!t.peerAnsweredChallenge(m)) {
            authenticationFailed(t, "SCCCN");
            return;
        }
        t.establish();
    }

    /** False, after StopCCN result 7, if this role in this state does not expect {@code m} (7.2.1). */
    private static boolean expected(Tunnel t, TunnelRole role, TunnelState state, ControlMessage m) {
        if (t.role() != role || t.state() != state) {
            t.fsmError(m.type());
            return false;
        }
        return true;
    }

    private static boolean acceptable(Tunnel t, ControlMessage m) {
        if (!TunnelMessages.supportedVersion(m)) {
            t.env().counters().counter("l2tp.tunnel.refused.version").increment();
            t.learnPeer(m);
            t.stop(StopCcnResult.UNSUPPORTED_PROTOCOL_VERSION, null, "only version 1.0 is supported");
            return false;
        }
        if (!t.learnPeer(m)) {
            t.env().counters().counter("l2tp.tunnel.refused.bad_value").increment();
            t.stop(StopCcnResult.GENERAL_ERROR, GeneralError.BAD_VALUE, "bad Assigned Tunnel ID or Receive Window Size");
            return false;
        }
        return true;
    }

    /** Adds our Challenge Response (5.1.1) if the peer challenged us; false if we cannot answer. */
    private static boolean answerChallenge(Tunnel t, Optional<Avp.Challenge> challenge, MessageType in,
            List<Avp> avps) {
        if (challenge.isEmpty()) {
            return true;
        }
        if (t.settings().secret().isEmpty()) {
            t.env().counters().counter("l2tp.tunnel.auth_failed").increment();
            t.stop(StopCcnResult.NOT_AUTHORIZED, null, "challenged but no secret is configured");
            return false;
        }
        avps.add(new Avp.ChallengeResponse(TunnelAuthentication.challengeResponse(in,
                t.settings().secret().get(), challenge.get().value())));
        return true;
    }

    private static void authenticationFailed(Tunnel t, String where) {
        t.env().counters().counter("l2tp.tunnel.auth_failed").increment();
        t.env().log().log(System.Logger.Level.WARNING, "l2tp.auth_failed",
                "tunnel %d from %s: missing or wrong Challenge Response in %s", t.localTunnelId(), t.peer(), where);
        t.stop(StopCcnResult.NOT_AUTHORIZED, null, "tunnel authentication failed");
    }
}
