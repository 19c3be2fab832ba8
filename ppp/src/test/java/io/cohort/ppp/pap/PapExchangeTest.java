package io.cohort.ppp.pap;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.auth.AuthDecision;
import io.cohort.ppp.auth.AuthOutcome;
import io.cohort.ppp.auth.AuthRequest;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The PAP exchanges (RFC 1334 section 2) on virtual time. */
class PapExchangeTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final List<ControlPacket> sent = new ArrayList<>();
    private final List<String> outcomes = new ArrayList<>();
    private final List<AuthRequest> asked = new ArrayList<>();
    private final AuthOutcome outcome = new AuthOutcome() {
        @Override public void succeeded(String user, Optional<MppeKeyMaterial> keys) {
            outcomes.add("ok " + user);
        }

        @Override public void failed(String reason) {
            outcomes.add("failed: " + reason);
        }
    };

    private PapServer server(CompletableFuture<AuthDecision> decision) {
        return new PapServer(request -> {
            asked.add(request);
            return decision;
        }, Runnable::run, scheduler, Duration.ofSeconds(30), sent::add, outcome, counters);
    }

    private static ControlPacket request(int id, String user, String password) {
        return PapPacket.request(id, user, password.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of(AuthDecision.Accept.plain("alice"), PapPacket.AUTHENTICATE_ACK, "Login ok", "ok alice"),
                Arguments.of(new AuthDecision.Reject("Authentication failed"), PapPacket.AUTHENTICATE_NAK,
                        "Authentication failed", "failed: PAP: Authentication failed"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("decisions")
    void serverAnswersAckOrNakAndRepeatsItForRetransmissions(AuthDecision decision, int code, String message,
                                                             String result) {
        PapServer s = server(CompletableFuture.completedFuture(decision));
        s.start();
        assertThat(sent).as("the peer speaks first").isEmpty();
        s.receive(request(4, "alice", "wonderland"));
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.user()).isEqualTo("alice");
            assertThat(((AuthRequest.Pap) r).password()).isEqualTo("wonderland".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(sent).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.identifier()).isEqualTo(4);
            assertThat(PapPacket.message(p)).isEqualTo(message);
        });
        assertThat(outcomes).containsExactly(result);
        // The Ack got lost: the peer retransmits (a new identifier), and gets the same answer.
        s.receive(request(5, "alice", "wonderland"));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).code()).isEqualTo(code);
        assertThat(sent.get(1).identifier()).isEqualTo(5);
        assertThat(asked).hasSize(1);
        assertThat(outcomes).hasSize(1);
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(outcomes).as("no timeout after the answer").hasSize(1);
    }

    @Test
    void requestsWhileDecidingAreIgnoredAndAnErrorIsANak() {
        CompletableFuture<AuthDecision> pending = new CompletableFuture<>();
        PapServer s = server(pending);
        s.start();
        s.receive(request(1, "alice", "wonderland"));
        s.receive(request(2, "alice", "wonderland"));
        assertThat(asked).hasSize(1);
        assertThat(counters.get("ppp.pap.rx.ignored")).isEqualTo(1);
        pending.completeExceptionally(new IllegalStateException("RADIUS down"));
        assertThat(sent).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(PapPacket.AUTHENTICATE_NAK);
            assertThat(p.identifier()).isEqualTo(1);
            assertThat(PapPacket.message(p)).isEqualTo("Authentication unavailable");
        });
        assertThat(outcomes).containsExactly("failed: PAP: Authentication unavailable (authenticator error)");
    }

    @Test
    void noRequestWithinTheTimeoutFailsAndOtherCodesAreCounted() {
        PapServer s = server(CompletableFuture.completedFuture(AuthDecision.Accept.plain("alice")));
        s.start();
        s.receive(PapPacket.reply(PapPacket.AUTHENTICATE_ACK, 1, "?"));
        s.receive(new ControlPacket(PapPacket.AUTHENTICATE_REQUEST, 2, new byte[] {9}));
        assertThat(counters.get("ppp.pap.rx.unexpected")).isEqualTo(1);
        assertThat(counters.get("ppp.pap.rx.malformed")).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(outcomes).isEmpty();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(outcomes).containsExactly("failed: PAP: no authentication within 30 s");
        assertThat(sent).isEmpty();
    }

    // ---- client ----

    private PapClient client() {
        return new PapClient(new Credentials("alice", "wonderland"), scheduler, Duration.ofSeconds(3), 3, sent::add,
                outcome, counters);
    }

    static Stream<Arguments> clientReplies() {
        return Stream.of(
                Arguments.of(PapPacket.reply(PapPacket.AUTHENTICATE_ACK, 1, "Login ok"), List.of("ok alice")),
                Arguments.of(PapPacket.reply(PapPacket.AUTHENTICATE_NAK, 1, "Bad password"),
                        List.of("failed: PAP refused: Bad password")),
                Arguments.of(PapPacket.reply(PapPacket.AUTHENTICATE_ACK, 9, "Login ok"), List.of()),
                Arguments.of(PapPacket.request(1, "x", new byte[0]), List.of()));
    }

    @ParameterizedTest
    @MethodSource("clientReplies")
    void clientTakesOnlyAnAnswerToItsLastRequest(ControlPacket reply, List<String> expected) {
        PapClient c = client();
        c.start();
        assertThat(sent).containsExactly(request(1, "alice", "wonderland"));
        c.receive(reply);
        assertThat(outcomes).isEqualTo(expected);
    }

    @Test
    void clientRetransmitsWithNewIdentifiersThenGivesUp() {
        PapClient c = client();
        c.start();
        scheduler.advance(Duration.ofSeconds(6));
        assertThat(sent).extracting(ControlPacket::identifier).containsExactly(1, 2, 3);
        assertThat(outcomes).isEmpty();
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(outcomes).containsExactly("failed: PAP: no answer from the authenticator");
        c.receive(PapPacket.reply(PapPacket.AUTHENTICATE_ACK, 3, "late"));
        assertThat(outcomes).hasSize(1);
    }
}
