package io.cohort.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.crypto.ChapMd5;
import io.cohort.ppp.crypto.MsChapV2;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DirectoryAuthenticatorTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final byte[] AUTH_CHALLENGE = HEX.parseHex("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
    private static final byte[] PEER_CHALLENGE = HEX.parseHex("21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E");

    private final InMemoryUserDirectory users = new InMemoryUserDirectory()
            .put("bob", "secret")
            .putNtHash("User", NtHash.bytesOf("clientPass"));
    private final UserFile bcryptUsers = UserFile.parse(List.of("dave:bcrypt:" + UserFileTest.U_STAR_U,
            "erin:bcrypt:" + UserFileTest.U_STAR_U.replace("$2a$", "$2y$")));
    private final List<Runnable> slowQueue = new ArrayList<>();
    private final DirectoryAuthenticator auth = new DirectoryAuthenticator(
            name -> users.find(name).or(() -> bcryptUsers.find(name)), slowQueue::add);

    @Test
    void papAcceptsTheRightPasswordOnly() {
        assertThat(auth.decide(new AuthRequest.Pap("bob", bytes("secret")))).isInstanceOf(AuthDecision.Accept.class);
        assertThat(auth.decide(new AuthRequest.Pap("bob", bytes("Secret")))).isInstanceOf(AuthDecision.Reject.class);
        assertThat(auth.decide(new AuthRequest.Pap("User", bytes("clientPass")))).isInstanceOf(AuthDecision.Accept.class);
        assertThat(auth.decide(new AuthRequest.Pap("eve", bytes("secret")))).isInstanceOf(AuthDecision.Reject.class);
    }

    @Test
    void chapMd5NeedsAClearTextEntry() {
        byte[] challenge = new byte[16];
        assertThat(auth.decide(new AuthRequest.ChapMd5("bob", 7, challenge, ChapMd5.response(7, "secret", challenge))))
                .isInstanceOf(AuthDecision.Accept.class);
        assertThat(auth.decide(new AuthRequest.ChapMd5("bob", 8, challenge, ChapMd5.response(7, "secret", challenge))))
                .isInstanceOf(AuthDecision.Reject.class);
        assertThat(auth.decide(new AuthRequest.ChapMd5("User", 7, challenge, ChapMd5.response(7, "clientPass", challenge))))
                .isInstanceOf(AuthDecision.Reject.class);
    }

    @Test
    void msChapV2ReturnsTheRfcAuthenticatorResponseAndKeys() {
        byte[] nt = MsChapV2.generateNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, "User", NtHash.bytesOf("clientPass"));
        AuthDecision d = auth.decide(new AuthRequest.MsChapV2("User", AUTH_CHALLENGE, PEER_CHALLENGE, nt));
        assertThat(d).isInstanceOfSatisfying(AuthDecision.Accept.class, a -> {
            assertThat(a.authenticatorResponse()).contains("S=407A5589115FD0D6209F510FE9C04566932CDA56");
            assertThat(a.keys().orElseThrow().masterKey())
                    .isEqualTo(HEX.parseHex("FD EC E3 71 7A 8C 83 8C B3 88 E5 27 AE 3C DD 31"));
        });
        nt[0] ^= 1;
        assertThat(auth.decide(new AuthRequest.MsChapV2("User", AUTH_CHALLENGE, PEER_CHALLENGE, nt)))
                .isInstanceOf(AuthDecision.Reject.class);
    }

    @Test
    void requestsDoNotPrintSecrets() {
        assertThat(new AuthRequest.Pap("bob", bytes("hunter2")).toString()).doesNotContain("hunter2").contains("bob");
    }

    @Test
    void papChecksABcryptEntryWithItsSalt() {
        assertThat(auth.decide(new AuthRequest.Pap("dave", bytes("U*U")))).isInstanceOf(AuthDecision.Accept.class);
        assertThat(auth.decide(new AuthRequest.Pap("erin", bytes("U*U")))).isInstanceOf(AuthDecision.Accept.class);
        assertThat(auth.decide(new AuthRequest.Pap("dave", bytes("U*U*")))).isInstanceOf(AuthDecision.Reject.class);
        assertThat(auth.decide(new AuthRequest.Pap("dave", new byte[255]))).isInstanceOf(AuthDecision.Reject.class);
    }

    @Test
    void bcryptUsersCannotUseChallengeProtocols() {
        byte[] challenge = new byte[16];
        assertThat(auth.decide(new AuthRequest.ChapMd5("dave", 1, challenge, ChapMd5.response(1, "U*U", challenge))))
                .isInstanceOf(AuthDecision.Reject.class);
        // Without an NT hash the check runs against a decoy hash of zeros: a response computed
        // from that same decoy must not get in.
        byte[] decoyNt = MsChapV2.generateNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, "dave", new byte[16]);
        assertThat(auth.decide(new AuthRequest.MsChapV2("dave", AUTH_CHALLENGE, PEER_CHALLENGE, decoyNt)))
                .isInstanceOf(AuthDecision.Reject.class);
        byte[] decoyForUnknown = MsChapV2.generateNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, "eve", new byte[16]);
        assertThat(auth.decide(new AuthRequest.MsChapV2("eve", AUTH_CHALLENGE, PEER_CHALLENGE, decoyForUnknown)))
                .isInstanceOf(AuthDecision.Reject.class);
    }

    @Test
    void onlyBcryptChecksLeaveTheCallersThread() {
        CompletableFuture<AuthDecision> fast = auth.authenticate(new AuthRequest.Pap("bob", bytes("secret")))
                .toCompletableFuture();
        assertThat(fast).isCompletedWithValueMatching(d -> d instanceof AuthDecision.Accept);
        assertThat(slowQueue).isEmpty();

        CompletableFuture<AuthDecision> slow = auth.authenticate(new AuthRequest.Pap("dave", bytes("U*U")))
                .toCompletableFuture();
        assertThat(slow).isNotDone();
        assertThat(slowQueue).hasSize(1);
        slowQueue.getFirst().run();
        assertThat(slow).isCompletedWithValueMatching(d -> d instanceof AuthDecision.Accept);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
