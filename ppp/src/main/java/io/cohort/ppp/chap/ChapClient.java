package io.cohort.ppp.chap;

import io.cohort.ppp.auth.AuthExchange;
import io.cohort.ppp.auth.AuthOutcome;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.crypto.ChapMd5;
import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.crypto.MsChapV2;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The authenticatee's side of CHAP-MD5 or MS-CHAPv2. Answers each Challenge; resends the last
 * Response on the restart timer until Success or Failure arrives (so a lost Success does not
 * strand the link: the server repeats its answer for a repeated Response, RFC 1994 4.2). For
 * MS-CHAPv2 the server's authenticator response is verified before success is reported
 * (RFC 2759 section 5).
 */
public final class ChapClient implements AuthExchange {
    private final AuthMethod method;
    private final Credentials credentials;
    private final byte[] passwordHash;
    private final Scheduler scheduler;
    private final Duration restart;
    private final int maxResponses;
    private final RandomGenerator random;
    private final Consumer<ControlPacket> sink;
    private final AuthOutcome outcome;
    private final Counters counters;
    private Timer timer = Timer.NONE;
    private ControlPacket response;
    private int resent;
    private String expectedAuthenticatorResponse;
    private MppeKeyMaterial keys;
    private boolean done;

    public ChapClient(AuthMethod method, Credentials credentials, Scheduler scheduler, Duration restart,
                      int maxResponses, RandomGenerator random, Consumer<ControlPacket> sink,
                      AuthOutcome outcome, Counters counters) {
        this.method = method;
        this.credentials = credentials;
        this.passwordHash = method == AuthMethod.MSCHAP_V2 ? MsChapV2.ntPasswordHash(credentials.password()) : null;
        this.scheduler = scheduler;
        this.restart = restart;
        this.maxResponses = maxResponses;
        this.random = random;
        this.sink = sink;
        this.outcome = outcome;
        this.counters = counters;
    }

    @Override
    public void start() {
        // The authenticator speaks first (RFC 1994 section 2).
    }

    @Override
    public void receive(ControlPacket packet) {
        if (done) {
            counters.counter("ppp.chap.rx.ignored").increment();
            return;
        }
        switch (packet.code()) {
            case ChapPacket.CHALLENGE -> answer(packet);
            case ChapPacket.SUCCESS -> succeeded(packet);
            case ChapPacket.FAILURE -> {
                if (response != null && packet.identifier() == response.identifier()) {
                    stop();
                    String text = ChapPacket.messageOf(packet);
                    outcome.failed("CHAP refused: " + text.substring(0, Math.min(text.length(), 120)));
                }
            }
            default -> counters.counter("ppp.chap.rx.unexpected").increment();
        }
    }

    private void answer(ControlPacket challengePacket) {
        if (response != null && response.identifier() == challengePacket.identifier()) {
            sink.accept(response); // a retransmitted challenge: same answer
            return;
        }
        if (!(ChapPacket.decodeValueAndName(challengePacket) instanceof DecodeResult.Ok<ChapPacket.ValueAndName> ok)) {
            counters.counter("ppp.chap.rx.malformed").increment();
            return;
        }
        int id = challengePacket.identifier();
        byte[] challenge = ok.value().value();
        byte[] value;
        if (method == AuthMethod.CHAP_MD5) {
            value = ChapMd5.response(id, credentials.password().getBytes(StandardCharsets.UTF_8), challenge);
        } else {
            if (challenge.length != 16) {
                counters.counter("ppp.chap.rx.malformed").increment();
                return;
            }
            byte[] peerChallenge = new byte[16];
            random.nextBytes(peerChallenge);
            byte[] nt = MsChapV2.generateNtResponse(challenge, peerChallenge, credentials.user(), passwordHash);
            expectedAuthenticatorResponse = MsChapV2.generateAuthenticatorResponse(passwordHash, nt, peerChallenge,
                    challenge, credentials.user());
            keys = MppeKeyMaterial.fromPasswordHash(passwordHash, nt);
            value = MsChapV2Messages.responseValue(peerChallenge, nt);
        }
        response = ChapPacket.valueAndName(ChapPacket.RESPONSE, id, value, credentials.user());
        resent = 0;
        sink.accept(response);
        timer.cancel();
        timer = scheduler.schedule(restart, this::resend);
    }

    private void resend() {
        if (done || resent >= maxResponses) {
            if (!done) {
                stop();
                outcome.failed("CHAP: no answer from the authenticator");
            }
            return;
        }
        resent++;
        sink.accept(response);
        timer = scheduler.schedule(restart, this::resend);
    }

    private void succeeded(ControlPacket packet) {
        if (response == null || packet.identifier() != response.identifier()) {
            counters.counter("ppp.chap.rx.ignored").increment();
            return;
        }
        if (method == AuthMethod.MSCHAP_V2) {
            Optional<String> s = MsChapV2Messages.authenticatorResponseOf(ChapPacket.messageOf(packet));
            boolean good = s.isPresent() && MessageDigest.isEqual(
                    s.get().getBytes(StandardCharsets.US_ASCII),
                    expectedAuthenticatorResponse.getBytes(StandardCharsets.US_ASCII));
            stop();
            if (!good) {
                outcome.failed("MS-CHAPv2: the authenticator's response does not prove the password");
                return;
            }
            outcome.succeeded(credentials.user(), Optional.of(keys));
            return;
        }
        stop();
        outcome.succeeded(credentials.user(), Optional.empty());
    }

    @Override
    public void stop() {
        done = true;
        timer.cancel();
    }
}
