package io.cohort.replication.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.RefusalReason;
import io.cohort.replication.TestCluster;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** Handshakes between two in-memory SSLEngines with real member certificates. */
class MemberTlsTest {
    private final TestCluster cluster = new TestCluster("replication-test");
    private final MemberCredential alpha = cluster.member("alpha");
    private final MemberCredential beta = cluster.member("beta");
    private final List<RefusalReason> refused = new ArrayList<>();

    private MemberTls tls(MemberCredential credential, TestCluster trusted) {
        return new MemberTls(credential, trusted.ca().certificate(), trusted::verifier,
                (who, refusal) -> refused.add(refusal.reason()), new SecureRandom());
    }

    @Test
    void membersOfOneClusterAuthenticateEachOtherWithEd25519() throws Exception {
        MemberTls client = tls(alpha, cluster);
        MemberTls server = tls(beta, cluster);
        SSLEngine clientEngine = client.clientEngine(MemberId.of("beta"));
        SSLEngine serverEngine = server.serverEngine();

        assertThat(handshake(clientEngine, serverEngine)).isEmpty();
        assertThat(clientEngine.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(server.peer(serverEngine.getSession())).contains(MemberId.of("alpha"));
        assertThat(client.peer(clientEngine.getSession())).contains(MemberId.of("beta"));
        assertThat(refused).isEmpty();
    }

    @Test
    void aServerThatIsNotTheMemberWeMeantIsRefused() {
        SSLEngine clientEngine = tls(alpha, cluster).clientEngine(MemberId.of("gamma"));

        assertThat(handshake(clientEngine, tls(beta, cluster).serverEngine())).isPresent();
        assertThat(refused).containsExactly(RefusalReason.UNTRUSTED_ISSUER);
    }

    @Test
    void aClientOfAForeignCaIsRefused() {
        TestCluster foreign = new TestCluster("foreign");
        SSLEngine clientEngine = tls(foreign.member("alpha"), foreign).clientEngine(MemberId.of("beta"));

        assertThat(handshake(clientEngine, tls(beta, cluster).serverEngine())).isPresent();
        assertThat(refused).containsExactly(RefusalReason.UNTRUSTED_ISSUER);
    }

    @Test
    void aServerOfAForeignCaIsRefused() {
        TestCluster foreign = new TestCluster("foreign");
        SSLEngine clientEngine = tls(alpha, cluster).clientEngine(MemberId.of("beta"));

        assertThat(handshake(clientEngine, tls(foreign.member("beta"), foreign).serverEngine())).isPresent();
        assertThat(refused).containsExactly(RefusalReason.UNTRUSTED_ISSUER);
    }

    @Test
    void aRevokedClientIsRefused() {
        cluster.revoke(alpha);
        SSLEngine clientEngine = tls(alpha, cluster).clientEngine(MemberId.of("beta"));

        assertThat(handshake(clientEngine, tls(beta, cluster).serverEngine())).isPresent();
        assertThat(refused).containsExactly(RefusalReason.REVOKED);
    }

    @Test
    void anExpiredServerIsRefused() {
        MemberCredential expired = cluster.member("beta", Instant.now().minus(Duration.ofDays(30)), Duration.ofDays(1));
        SSLEngine clientEngine = tls(alpha, cluster).clientEngine(MemberId.of("beta"));

        assertThat(handshake(clientEngine, tls(expired, cluster).serverEngine())).isPresent();
        assertThat(refused).containsExactly(RefusalReason.EXPIRED);
    }

    @Test
    void theJdkKeyIsTheMembersEd25519Key() {
        assertThat(MemberTls.privateKey(alpha).getAlgorithm()).isIn("EdDSA", "Ed25519");
        assertThat(MemberTls.privateKey(alpha).getFormat()).isEqualTo("PKCS#8");
    }

    /** Runs the handshake to its end; the exception that stopped it, if one did. */
    private static Optional<SSLException> handshake(SSLEngine client, SSLEngine server) {
        ByteBuffer clientToServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer serverToClient = ByteBuffer.allocate(1 << 16);
        ByteBuffer sink = ByteBuffer.allocate(1 << 16);
        try {
            client.beginHandshake();
            server.beginHandshake();
            for (int step = 0; step < 200; step++) {
                boolean progressed = step(client, serverToClient, clientToServer, sink)
                        | step(server, clientToServer, serverToClient, sink);
                if (done(client) && done(server)) {
                    return Optional.empty();
                }
                if (!progressed && client.isOutboundDone() && server.isOutboundDone()) {
                    break;
                }
            }
            throw new AssertionError("the handshake neither ended nor failed");
        } catch (SSLException e) {
            return Optional.of(e);
        }
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static boolean step(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer sink) throws SSLException {
        boolean progressed = false;
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            SSLEngineResult result;
            switch (status) {
                case NEED_WRAP -> result = engine.wrap(ByteBuffer.allocate(0), out);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    in.flip();
                    result = engine.unwrap(in, sink);
                    in.compact();
                    sink.clear();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        return progressed;
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    progressed = true;
                    continue;
                }
                default -> {
                    return progressed;
                }
            }
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                    && result.getHandshakeStatus() == status) {
                return progressed;
            }
            progressed = true;
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                return progressed;
            }
        }
    }
}
