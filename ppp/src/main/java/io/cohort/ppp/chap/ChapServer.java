package io.cohort.ppp.chap;

import io.cohort.ppp.auth.AuthDecision;
import io.cohort.ppp.auth.AuthExchange;
import io.cohort.ppp.auth.AuthOutcome;
import io.cohort.ppp.auth.AuthRequest;
import io.cohort.ppp.auth.Authenticator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The authenticator's side of CHAP-MD5 or MS-CHAPv2: sends a 16-octet Challenge (retransmitted on
 * the restart timer), passes the Response to the {@link Authenticator}, answers Success or
 * Failure. A retransmitted Response with the same identifier gets the same answer again
 * (RFC 1994 section 4.2).
 */
public final class ChapServer implements AuthExchange {
    private enum Phase { CHALLENGED, DECIDING, ACCEPTED, REJECTED, STOPPED }

    private final AuthMethod method;
    private final String name;
    private final Authenticator authenticator;
    private final Executor engine;
    private final Scheduler scheduler;
    private final Duration restart;
    private final int maxChallenges;
    private final RandomGenerator random;
    private final Consumer<ControlPacket> sink;
    private final AuthOutcome outcome;
    private final Counters counters;
    private Phase phase = Phase.CHALLENGED;
    private Timer timer = Timer.NONE;
    private int id;
    private byte[] challenge;
    private int sent;
    private ControlPacket answer;

    public ChapServer(AuthMethod method, String name, Authenticator authenticator, Executor engine,
                      Scheduler scheduler, Duration restart, int maxChallenges, RandomGenerator random,
                      Consumer<ControlPacket> sink, AuthOutcome outcome, Counters counters) {
        if (method == AuthMethod.PAP) {
            throw new IllegalArgumentException("PAP is not CHAP");
        }
        this.method = method;
        this.name = name;
        this.authenticator = authenticator;
        this.engine = engine;
        this.scheduler = scheduler;
        this.restart = restart;
        this.maxChallenges = maxChallenges;
        this.random = random;
        this.sink = sink;
        this.outcome = outcome;
        this.counters = counters;
    }

    @Override
    public void start() {
        id = random.nextInt(256);
        challenge = new byte[16];
        random.nextBytes(challenge);
        sendChallenge();
    }

    private void sendChallenge() {
        if (phase != Phase.CHALLENGED) {
            return;
        }
        if (sent >= maxChallenges) {
            phase = Phase.REJECTED;
            outcome.failed("CHAP: no response from the peer");
            return;
        }
        sent++;
        sink.accept(ChapPacket.valueAndName(ChapPacket.CHALLENGE, id, challenge, name));
        timer = scheduler.schedule(restart, this::sendChallenge);
    }

    @Override
    public void receive(ControlPacket packet) {
        if (packet.code() != ChapPacket.RESPONSE || packet.identifier() != id) {
            counters.counter("ppp.chap.rx.ignored").increment();
            return;
        }
        switch (phase) {
            case ACCEPTED, REJECTED -> sink.accept(answer);
            case CHALLENGED -> decide(packet);
            case DECIDING, STOPPED -> counters.counter("ppp.chap.rx.ignored").increment();
        }
    }

    private void decide(ControlPacket packet) {
        if (!(ChapPacket.decodeValueAndName(packet) instanceof DecodeResult.Ok<ChapPacket.ValueAndName> ok)) {
            counters.counter("ppp.chap.rx.malformed").increment();
            return;
        }
        byte[] value = ok.value().value();
        String user = ok.value().name();
        AuthRequest request;
        if (method == AuthMethod.CHAP_MD5) {
            if (value.length != 16) {
                counters.counter("ppp.chap.rx.malformed").increment();
                return;
            }
            request = new AuthRequest.ChapMd5(user, id, challenge, value);
        } else {
            if (value.length != MsChapV2Messages.RESPONSE_VALUE_LENGTH) {
                counters.counter("ppp.chap.rx.malformed").increment();
                return;
            }
            request = new AuthRequest.MsChapV2(user, challenge, Arrays.copyOfRange(value, 0, 16),
                    Arrays.copyOfRange(value, 24, 48));
        }
        phase = Phase.DECIDING;
        timer.cancel();
        authenticator.authenticate(request).whenComplete((d, e) -> engine.execute(() -> decided(user, d, e)));
    }

    private void decided(String user, AuthDecision decision, Throwable error) {
        if (phase != Phase.DECIDING) {
            return;
        }
        if (decision instanceof AuthDecision.Accept accept) {
            String message = method == AuthMethod.MSCHAP_V2
                    ? MsChapV2Messages.success(accept.authenticatorResponse().orElse(""), "Access granted")
                    : "Access granted";
            phase = Phase.ACCEPTED;
            answer = ChapPacket.message(ChapPacket.SUCCESS, id, message);
            sink.accept(answer);
            outcome.succeeded(user, accept.keys());
            return;
        }
        String reason = decision instanceof AuthDecision.Reject r ? r.reason() : "Authentication unavailable";
        String message = reason;
        if (method == AuthMethod.MSCHAP_V2) {
            byte[] next = new byte[16];
            random.nextBytes(next);
            message = MsChapV2Messages.failure(MsChapV2Messages.ERROR_AUTHENTICATION_FAILURE, false, next, reason);
        }
        phase = Phase.REJECTED;
        answer = ChapPacket.message(ChapPacket.FAILURE, id, message);
        sink.accept(answer);
        outcome.failed("CHAP: " + reason + (error != null ? " (authenticator error)" : ""));
    }

    @Override
    public void stop() {
        phase = Phase.STOPPED;
        timer.cancel();
    }

    /** The method this exchange runs. */
    public AuthMethod method() {
        return method;
    }
}
