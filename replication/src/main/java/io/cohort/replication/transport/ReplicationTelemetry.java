package io.cohort.replication.transport;

import io.cohort.cluster.pki.Verification;
import io.cohort.replication.tls.CertificateRefusals;
import io.cohort.replication.wire.FrameFault;
import io.cohort.replication.wire.ReplicationFrame;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Clock;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;

/** The replication transport's counters and its rate-limited log lines; never state in either. */
final class ReplicationTelemetry implements CertificateRefusals {
    final Counter framesOut;
    final Counter bytesOut;
    final Counter framesIn;
    final Counter bytesIn;
    final Counter snapshotsOut;
    final Counter snapshotsIn;
    final Counter connected;
    final Counter reconnects;
    final Counter connectFailures;
    final Counter probeTimeouts;
    final Counter malformed;
    final Counter violations;
    final Counter stale;
    final Counter refusedCertificates;
    private final RateLimitedLog log;

    ReplicationTelemetry(Counters counters, Clock clock) {
        framesOut = counters.counter("replication.tx.frames");
        bytesOut = counters.counter("replication.tx.bytes");
        framesIn = counters.counter("replication.rx.frames");
        bytesIn = counters.counter("replication.rx.bytes");
        snapshotsOut = counters.counter("replication.tx.snapshots");
        snapshotsIn = counters.counter("replication.rx.snapshots");
        connected = counters.counter("replication.peer.connected");
        reconnects = counters.counter("replication.peer.reconnects");
        connectFailures = counters.counter("replication.peer.connect_failed");
        probeTimeouts = counters.counter("replication.peer.probe_timeouts");
        malformed = counters.counter("replication.rx.malformed");
        violations = counters.counter("replication.rx.violations");
        stale = counters.counter("replication.rx.stale");
        refusedCertificates = counters.counter("replication.tls.refused");
        log = RateLimitedLog.standard(System.getLogger(ReplicationService.class.getName()), clock);
    }

    @Override
    public void refused(String presentedBy, Verification.Refused refusal) {
        refusedCertificates.increment();
        log.log(Level.WARNING, "replication.tls.refused", "replication: refused the certificate of %s: %s (%s)",
                presentedBy, refusal.reason(), refusal.detail());
    }

    void malformed(SocketAddress from, FrameFault fault, String detail) {
        malformed.increment();
        log.log(Level.WARNING, "replication.rx.malformed", "replication: malformed frame from %s (%s: %s); closing",
                from, fault, detail);
    }

    void violation(Object from, String detail) {
        violations.increment();
        log.log(Level.WARNING, "replication.rx.violation", "replication: %s broke the protocol (%s); closing", from, detail);
    }

    void stale(Object from, ReplicationFrame frame) {
        stale.increment();
        log.log(Level.INFO, "replication.rx.stale", "replication: ignored a %s from %s: its unit has a newer owner"
                + " (a former owner's frame, late on the wire, or a clock behind the cluster's)", frame, from);
    }

    void unanswered(Object peer, int probes) {
        probeTimeouts.increment();
        log.log(Level.WARNING, "replication.peer.probe_timeout", "replication: %s answered none of %d probes; reconnecting",
                peer, probes);
    }

    void established(Object peer, SocketAddress at, boolean again) {
        log.log(Level.INFO, "replication.peer.established", "replication: %s %s at %s; sending it a snapshot",
                again ? "reconnected to" : "connected to", peer, at);
    }

    void connectionLost(Object peer, Throwable cause) {
        log.log(Level.INFO, "replication.peer.lost", "replication: connection with %s failed: %s", peer, cause.toString());
    }
}
