package io.cohort.ppp.pap;

import io.cohort.ppp.auth.AuthExchange;
import io.cohort.ppp.auth.AuthOutcome;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** The authenticatee's side of PAP (RFC 1334 2.1): sends the request until Ack, Nak or give-up. */
public final class PapClient implements AuthExchange {
    private final Credentials credentials;
    private final Scheduler scheduler;
    private final Duration restart;
    private final int maxRequests;
    private final Consumer<ControlPacket> sink;
    private final AuthOutcome outcome;
    private final Counters counters;
    private Timer timer = Timer.NONE;
    private int sent;
    private int id;
    private boolean done;

    public PapClient(Credentials credentials, Scheduler scheduler, Duration restart, int maxRequests,
                     Consumer<ControlPacket> sink, AuthOutcome outcome, Counters counters) {
        this.credentials = credentials;
        this.scheduler = scheduler;
        this.restart = restart;
        this.maxRequests = maxRequests;
        this.sink = sink;
        this.outcome = outcome;
        this.counters = counters;
    }

    @Override
    public void start() {
        send();
    }

    private void send() {
        if (done) {
            return;
        }
        if (sent >= maxRequests) {
            done = true;
            outcome.failed("PAP: no answer from the authenticator");
            return;
        }
        sent++;
        id = (id + 1) & 0xFF;
        sink.accept(PapPacket.request(id, credentials.user(), credentials.password().getBytes(StandardCharsets.UTF_8)));
        timer = scheduler.schedule(restart, this::send);
    }

    @Override
    public void receive(ControlPacket packet) {
        if (done || packet.identifier() != id) {
            counters.counter("ppp.pap.rx.ignored").increment();
            return;
        }
        switch (packet.code()) {
            case PapPacket.AUTHENTICATE_ACK -> {
                stop();
                outcome.succeeded(credentials.user(), Optional.empty());
            }
            case PapPacket.AUTHENTICATE_NAK -> {
                stop();
                outcome.failed("PAP refused: " + PapPacket.message(packet));
            }
            default -> counters.counter("ppp.pap.rx.unexpected").increment();
        }
    }

    @Override
    public void stop() {
        done = true;
        timer.cancel();
    }
}
