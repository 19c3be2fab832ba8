package io.cohort.ppp.pap;

import io.cohort.ppp.auth.AuthDecision;
import io.cohort.ppp.auth.AuthExchange;
import io.cohort.ppp.auth.AuthOutcome;
import io.cohort.ppp.auth.AuthRequest;
import io.cohort.ppp.auth.Authenticator;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The authenticator's side of PAP (RFC 1334 2.1): waits for an Authenticate-Request, asks the
 * {@link Authenticator}, answers Ack or Nak. Retransmitted requests get the same answer again;
 * the peer must authenticate within {@code timeout}.
 */
public final class PapServer implements AuthExchange {
    private enum Phase { WAITING, DECIDING, ACCEPTED, REJECTED, STOPPED }

    private final Authenticator authenticator;
    private final Executor engine;
    private final Scheduler scheduler;
    private final Duration timeout;
    private final Consumer<ControlPacket> sink;
    private final AuthOutcome outcome;
    private final Counters counters;
    private Phase phase = Phase.WAITING;
    private Timer timer = Timer.NONE;
    private ControlPacket answer;

    public PapServer(Authenticator authenticator, Executor engine, Scheduler scheduler, Duration timeout,
                     Consumer<ControlPacket> sink, AuthOutcome outcome, Counters counters) {
        this.authenticator = authenticator;
        this.engine = engine;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.sink = sink;
        this.outcome = outcome;
        this.counters = counters;
    }

    @Override
    public void start() {
        timer = scheduler.schedule(timeout, () -> {
            if (phase == Phase.WAITING || phase == Phase.DECIDING) {
                phase = Phase.REJECTED;
                outcome.failed("PAP: no authentication within " + timeout.toSeconds() + " s");
            }
        });
    }

    @Override
    public void receive(ControlPacket packet) {
        if (packet.code() != PapPacket.AUTHENTICATE_REQUEST) {
            counters.counter("ppp.pap.rx.unexpected").increment();
            return;
        }
        switch (phase) {
            case ACCEPTED, REJECTED -> sink.accept(new ControlPacket(answer.code(), packet.identifier(), answer.data()));
            case WAITING -> decide(packet);
            case DECIDING, STOPPED -> counters.counter("ppp.pap.rx.ignored").increment();
        }
    }

    private void decide(ControlPacket packet) {
        if (!(PapPacket.decodeRequest(packet) instanceof DecodeResult.Ok<PapPacket.Request> ok)) {
            counters.counter("ppp.pap.rx.malformed").increment();
            return;
        }
        phase = Phase.DECIDING;
        int id = packet.identifier();
        String user = ok.value().peerId();
        authenticator.authenticate(new AuthRequest.Pap(user, ok.value().password()))
                .whenComplete((d, e) -> engine.execute(() -> decided(id, user, d, e)));
    }

    private void decided(int id, String user, AuthDecision decision, Throwable error) {
        if (phase != Phase.DECIDING) {
            return;
        }
        timer.cancel();
        if (decision instanceof AuthDecision.Accept) {
            phase = Phase.ACCEPTED;
            answer = PapPacket.reply(PapPacket.AUTHENTICATE_ACK, id, "Login ok");
            sink.accept(answer);
            outcome.succeeded(user, Optional.empty());
        } else {
            phase = Phase.REJECTED;
            String reason = decision instanceof AuthDecision.Reject r ? r.reason() : "Authentication unavailable";
            answer = PapPacket.reply(PapPacket.AUTHENTICATE_NAK, id, reason);
            sink.accept(answer);
            outcome.failed("PAP: " + reason + (error != null ? " (authenticator error)" : ""));
        }
    }

    @Override
    public void stop() {
        phase = Phase.STOPPED;
        timer.cancel();
    }
}
