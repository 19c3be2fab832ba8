package io.cohort.ppp.chap;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.ScriptedRandom;
import io.cohort.ppp.auth.AuthDecision;
import io.cohort.ppp.auth.AuthOutcome;
import io.cohort.ppp.auth.AuthRequest;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.crypto.ChapMd5;
import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CHAP exchanges (RFC 1994 section 4, RFC 2759 sections 4 to 6) on virtual time. The client
 * side runs RFC 2759 section 9.2's example end to end: user "User", password "clientPass".
 */
class ChapExchangeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] AUTH_CHALLENGE = HEX.parseHex("5B5D7C7D7B3F2F3E3C2C602132262628");
    private static final byte[] PEER_CHALLENGE = HEX.parseHex("21402324255E262A28295F2B3A337C7E");
    private static final byte[] NT_RESPONSE = HEX.parseHex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
    private static final String AUTHENTICATOR_RESPONSE = "S=407A5589115FD0D6209F510FE9C04566932CDA56";

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final List<ControlPacket> sent = new ArrayList<>();
    private final List<String> outcomes = new ArrayList<>();
    private final AuthOutcome outcome = new AuthOutcome() {
        @Override public void succeeded(String user, Optional<MppeKeyMaterial> keys) {
            outcomes.add("ok " + user + keys.map(k -> " " + HEX.formatHex(k.masterKey())).orElse(""));
        }

        @Override public void failed(String reason) {
            outcomes.add("failed: " + reason);
        }
    };

    /** A random generator whose nextBytes(16) yields RFC 2759's Peer-Challenge (little-endian longs). */
    private static ScriptedRandom peerChallengeRandom() {
        ByteBuffer b = ByteBuffer.wrap(PEER_CHALLENGE).order(ByteOrder.LITTLE_ENDIAN);
        return new ScriptedRandom(b.getLong(), b.getLong());
    }

    private ChapClient msChapV2Client() {
        return new ChapClient(AuthMethod.MSCHAP_V2, new Credentials("User", "clientPass"), scheduler,
                Duration.ofSeconds(3), 3, peerChallengeRandom(), sent::add, outcome, counters);
    }

    private ChapClient answeredClient() {
        ChapClient c = msChapV2Client();
        c.start();
        assertThat(sent).as("the authenticator speaks first").isEmpty();
        c.receive(ChapPacket.valueAndName(ChapPacket.CHALLENGE, 1, AUTH_CHALLENGE, "cohort"));
        return c;
    }

    @Test
    void msChapV2ClientAnswersWithTheRfcNtResponse() {
        answeredClient();
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ChapPacket.RESPONSE);
            assertThat(r.identifier()).isEqualTo(1);
            ChapPacket.ValueAndName v = ((DecodeResult.Ok<ChapPacket.ValueAndName>) ChapPacket.decodeValueAndName(r))
                    .value();
            assertThat(v.name()).isEqualTo("User");
            assertThat(v.value()).isEqualTo(MsChapV2Messages.responseValue(PEER_CHALLENGE, NT_RESPONSE));
        });
    }

    static Stream<Arguments> msChapV2ClientReplies() {
        return Stream.of(
                Arguments.of("Success proving the password: up, with the RFC 3079 master key",
                        ChapPacket.message(ChapPacket.SUCCESS, 1, AUTHENTICATOR_RESPONSE + " M=Access granted"),
                        List.of("ok User fdece3717a8c838cb388e527ae3cdd31")),
                Arguments.of("Success with a wrong authenticator response: refused (2759 5)",
                        ChapPacket.message(ChapPacket.SUCCESS, 1, "S=0000000000000000000000000000000000000000 M=hi"),
                        List.of("failed: MS-CHAPv2: the authenticator's response does not prove the password")),
                Arguments.of("Success without S=: refused", ChapPacket.message(ChapPacket.SUCCESS, 1, "Welcome"),
                        List.of("failed: MS-CHAPv2: the authenticator's response does not prove the password")),
                Arguments.of("Failure: refused with the server's text",
                        ChapPacket.message(ChapPacket.FAILURE, 1, "E=691 R=0 C=00000000000000000000000000000000 V=3"),
                        List.of("failed: CHAP refused: E=691 R=0 C=00000000000000000000000000000000 V=3")),
                Arguments.of("Success for another identifier: ignored",
                        ChapPacket.message(ChapPacket.SUCCESS, 2, AUTHENTICATOR_RESPONSE + " M=x"), List.of()),
                Arguments.of("Failure for another identifier: ignored",
                        ChapPacket.message(ChapPacket.FAILURE, 2, "E=691"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("msChapV2ClientReplies")
    void msChapV2ClientJudgesTheServersAnswer(String name, ControlPacket reply, List<String> expected) {
        ChapClient client = answeredClient();
        client.receive(reply);
        assertThat(outcomes).isEqualTo(expected);
        if (!expected.isEmpty()) {
            scheduler.advance(Duration.ofMinutes(1));
            assertThat(sent).as("no resend once answered").hasSize(1);
        }
    }

    @Test
    void theClientResendsItsResponseUntilAnsweredThenGivesUp() {
        answeredClient();
        scheduler.advance(Duration.ofSeconds(9));
        assertThat(sent).hasSize(4).allMatch(p -> p.equals(sent.getFirst()));
        assertThat(outcomes).isEmpty();
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(outcomes).containsExactly("failed: CHAP: no answer from the authenticator");
    }

    @Test
    void aRetransmittedChallengeGetsTheSameResponse() {
        ChapClient client = answeredClient();
        client.receive(ChapPacket.valueAndName(ChapPacket.CHALLENGE, 1, AUTH_CHALLENGE, "cohort"));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isEqualTo(sent.get(0));
    }

    // ---- server ----

    private final List<AuthRequest> asked = new ArrayList<>();

    private ChapServer server(AuthMethod method, AuthDecision decision) {
        return new ChapServer(method, "cohort", request -> {
            asked.add(request);
            return CompletableFuture.completedFuture(decision);
        }, Runnable::run, scheduler, Duration.ofSeconds(3), 3, new ScriptedRandom(), sent::add, outcome, counters);
    }

    private static ChapPacket.ValueAndName body(ControlPacket p) {
        return ((DecodeResult.Ok<ChapPacket.ValueAndName>) ChapPacket.decodeValueAndName(p)).value();
    }

    static Stream<Arguments> serverAnswers() {
        AuthDecision msAccept = new AuthDecision.Accept("User", Optional.of(AUTHENTICATOR_RESPONSE), Optional.empty());
        AuthDecision reject = new AuthDecision.Reject("Authentication failed");
        return Stream.of(
                Arguments.of(AuthMethod.MSCHAP_V2, msAccept, ChapPacket.SUCCESS, AUTHENTICATOR_RESPONSE
                        + " M=Access granted", "ok User"),
                Arguments.of(AuthMethod.MSCHAP_V2, reject, ChapPacket.FAILURE,
                        "E=691 R=0 C=[0-9A-F]{32} V=3 M=Authentication failed", "failed: CHAP: Authentication failed"),
                Arguments.of(AuthMethod.CHAP_MD5, AuthDecision.Accept.plain("User"), ChapPacket.SUCCESS,
                        "Access granted", "ok User"),
                Arguments.of(AuthMethod.CHAP_MD5, reject, ChapPacket.FAILURE, "Authentication failed",
                        "failed: CHAP: Authentication failed"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serverAnswers")
    void serverAnswersWithSuccessOrFailure(AuthMethod method, AuthDecision decision, int code, String messageRegex,
                                           String result) {
        ChapServer s = server(method, decision);
        s.start();
        ControlPacket challenge = sent.getFirst();
        assertThat(challenge.code()).isEqualTo(ChapPacket.CHALLENGE);
        assertThat(body(challenge).value()).hasSize(16);
        assertThat(body(challenge).name()).isEqualTo("cohort");
        byte[] value = method == AuthMethod.MSCHAP_V2
                ? MsChapV2Messages.responseValue(PEER_CHALLENGE, NT_RESPONSE)
                : ChapMd5.response(challenge.identifier(), "wonderland", body(challenge).value());
        ControlPacket response = ChapPacket.valueAndName(ChapPacket.RESPONSE, challenge.identifier(), value, "User");
        s.receive(response);
        ControlPacket answer = sent.getLast();
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.identifier()).isEqualTo(challenge.identifier());
        assertThat(ChapPacket.messageOf(answer)).matches(messageRegex);
        assertThat(outcomes).containsExactly(result);
        assertThat(asked).singleElement().isInstanceOf(method == AuthMethod.MSCHAP_V2
                ? AuthRequest.MsChapV2.class : AuthRequest.ChapMd5.class);
        // RFC 1994 4.2: a repeated Response gets the same answer, without asking again.
        s.receive(response);
        assertThat(sent.getLast()).isEqualTo(answer);
        assertThat(asked).hasSize(1);
        assertThat(outcomes).hasSize(1);
    }

    @Test
    void theServerPassesTheRfcValuesToTheAuthenticator() {
        InMemoryUserDirectory users = new InMemoryUserDirectory().put("User", "clientPass");
        List<AuthDecision> decisions = new ArrayList<>();
        ChapServer s = new ChapServer(AuthMethod.MSCHAP_V2, "cohort", request -> {
            AuthDecision d = new DirectoryAuthenticator(users).decide(request);
            decisions.add(d);
            return CompletableFuture.completedFuture(d);
        }, Runnable::run, scheduler, Duration.ofSeconds(3), 3, new ScriptedRandom(), sent::add, outcome, counters);
        s.start();
        ControlPacket challenge = sent.getFirst();
        // Our challenge is random here, so the RFC's NT-Response is wrong for it: refused.
        s.receive(ChapPacket.valueAndName(ChapPacket.RESPONSE, challenge.identifier(),
                MsChapV2Messages.responseValue(PEER_CHALLENGE, NT_RESPONSE), "User"));
        assertThat(decisions).singleElement().isInstanceOf(AuthDecision.Reject.class);
    }

    @Test
    void responsesWithAnotherIdentifierOrAWrongSizeAreIgnored() {
        ChapServer s = server(AuthMethod.MSCHAP_V2, AuthDecision.Accept.plain("User"));
        s.start();
        int id = sent.getFirst().identifier();
        s.receive(ChapPacket.valueAndName(ChapPacket.RESPONSE, (id + 1) & 0xFF, new byte[49], "User"));
        s.receive(ChapPacket.valueAndName(ChapPacket.RESPONSE, id, new byte[16], "User"));
        s.receive(ChapPacket.message(ChapPacket.SUCCESS, id, "S=..."));
        assertThat(asked).isEmpty();
        assertThat(counters.get("ppp.chap.rx.ignored")).isEqualTo(2);
        assertThat(counters.get("ppp.chap.rx.malformed")).isEqualTo(1);
        assertThat(sent).hasSize(1);
    }

    @Test
    void theChallengeIsRetransmittedThenTheServerGivesUp() {
        ChapServer s = server(AuthMethod.CHAP_MD5, AuthDecision.Accept.plain("alice"));
        s.start();
        scheduler.advance(Duration.ofSeconds(6));
        assertThat(sent).hasSize(3).allMatch(p -> p.equals(sent.getFirst()));
        assertThat(outcomes).isEmpty();
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(outcomes).containsExactly("failed: CHAP: no response from the peer");
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(sent).hasSize(3);
    }
}
