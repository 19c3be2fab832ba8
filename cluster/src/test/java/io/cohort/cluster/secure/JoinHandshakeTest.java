package io.cohort.cluster.secure;

import static io.cohort.cluster.secure.TestCluster.ALPHA;
import static io.cohort.cluster.secure.TestCluster.MASTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.RefusalReason;
import io.cohort.telemetry.Counters;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class JoinHandshakeTest {
    private final TestCluster cluster = new TestCluster(1);
    private final MemberCredential master = cluster.member("master", 2, "10.0.0.1");
    private final MemberCredential alpha = cluster.member("alpha", 3, "10.0.0.2");
    private final SecureRandom random = TestCluster.random(42);

    private JoinerHandshake joiner(MemberCredential credential) {
        return JoinerHandshake.start(credential, ALPHA, cluster.verifier(), random);
    }

    private MasterHandshake answer(byte[] offer) throws HandshakeException {
        return MasterHandshake.onOffer(master, MASTER, cluster.verifier(), offer, random);
    }

    @Test
    void bothSidesDeriveTheSameDirectionalKeysAndIdentifyEachOther() throws Exception {
        JoinerHandshake j = joiner(alpha);
        MasterHandshake m = answer(j.offer());
        JoinerHandshake.Completed done = j.onAnswer(m.answer());
        SessionKeys atMaster = m.onFinish(done.finish());
        SessionKeys atAlpha = done.keys();

        assertThat(m.joiner().member()).isEqualTo(ALPHA);
        assertThat(atAlpha.peer().member()).isEqualTo(MASTER);
        assertThat(atAlpha.peer().address().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(atAlpha.send().bytes()).isEqualTo(atMaster.receive().bytes()).isNotEqualTo(atAlpha.receive().bytes());
        assertThat(atAlpha.receive().bytes()).isEqualTo(atMaster.send().bytes());

        Opener masterOpener = new Opener(new Counters());
        atMaster.installInto(masterOpener);
        Opened opened = masterOpener.open(atAlpha.sealer(ALPHA).seal("hello".getBytes(StandardCharsets.US_ASCII))).orElseThrow();
        assertThat(opened.sender()).isEqualTo(ALPHA);
        assertThat(atMaster.toString()).isEqualTo("SessionKeys[alpha (10.0.0.2, serial 3eb), keys redacted]");
    }

    @Test
    void twoJoinsGiveDifferentKeys() throws Exception {
        JoinerHandshake first = joiner(alpha);
        SessionKeys a = first.onAnswer(answer(first.offer()).answer()).keys();
        JoinerHandshake second = joiner(alpha);
        SessionKeys b = second.onAnswer(answer(second.offer()).answer()).keys();

        assertThat(a.send().bytes()).isNotEqualTo(b.send().bytes());
    }

    @Test
    void aMemberOfAnotherCaIsRefusedByTheMaster() {
        MemberCredential foreign = new TestCluster(9).member("alpha", 3, "10.0.0.2");

        HandshakeException e = catchThrowableOfType(HandshakeException.class, () -> answer(joiner(foreign).offer()));

        assertThat(e.failure()).isEqualTo(HandshakeException.Failure.CREDENTIAL_REFUSED);
        assertThat(e.credentialRefusal()).contains(RefusalReason.UNTRUSTED_ISSUER);
    }

    @Test
    void aRevokedMemberIsRefusedByTheMaster() {
        RevocationListHolder revoked = new RevocationListHolder();

        HandshakeException e = catchThrowableOfType(HandshakeException.class, () -> MasterHandshake.onOffer(master, MASTER,
                cluster.verifier(revoked.revoke(alpha)), joiner(alpha).offer(), random));

        assertThat(e.credentialRefusal()).contains(RefusalReason.REVOKED);
    }

    /** Revokes a member's certificate in the test cluster's CRL. */
    private final class RevocationListHolder {
        io.cohort.cluster.pki.RevocationList revoke(MemberCredential member) {
            BigInteger serial = member.certificate().getSerialNumber();
            return cluster.ca.revoke(cluster.crl, serial, TestCluster.T0, TestCluster.YEAR);
        }
    }

    @Test
    void aMasterFromAnotherCaIsRefusedByTheJoiner() throws Exception {
        TestCluster other = new TestCluster(9);
        MemberCredential fakeMaster = other.member("master", 2, "10.0.0.1");
        JoinerHandshake j = joiner(alpha);
        // The fake master trusts its own CA, so it accepts alpha's offer only if alpha's cert were
        // its own; it answers with the other CA's verifier to get that far.
        MemberCredential alphaOfOther = other.member("alpha", 3, "10.0.0.2");
        JoinMessage.Offer offer = JoinMessage.Offer.decode(j.offer());
        byte[] relabelled = new JoinMessage.Offer(alphaOfOther.certificate().getEncoded(), offer.ephemeral(), offer.nonce()).encode();
        MasterHandshake m = MasterHandshake.onOffer(fakeMaster, MASTER, other.verifier(), relabelled, random);

        HandshakeException e = catchThrowableOfType(HandshakeException.class, () -> j.onAnswer(m.answer()));

        assertThat(e.credentialRefusal()).contains(RefusalReason.UNTRUSTED_ISSUER);
    }

    @Test
    void aTamperedAnswerFailsItsSignature() throws Exception {
        JoinerHandshake j = joiner(alpha);
        JoinMessage.Answer answer = JoinMessage.Answer.decode(answer(j.offer()).answer());
        byte[] otherNonce = answer.nonce().clone();
        otherNonce[0] ^= 1;

        HandshakeException e = catchThrowableOfType(HandshakeException.class, () -> j.onAnswer(
                new JoinMessage.Answer(answer.certificate(), answer.ephemeral(), otherNonce, answer.signature()).encode()));

        assertThat(e.failure()).isEqualTo(HandshakeException.Failure.BAD_SIGNATURE);
    }

    @Test
    void aReplayedOfferCannotBeFinishedWithAnOldFinish() throws Exception {
        JoinerHandshake j = joiner(alpha);
        byte[] offer = j.offer();
        byte[] oldFinish = j.onAnswer(answer(offer).answer()).finish();

        MasterHandshake replayed = answer(offer); // an attacker replays the captured offer and finish

        HandshakeException e = catchThrowableOfType(HandshakeException.class, () -> replayed.onFinish(oldFinish));
        assertThat(e.failure()).isEqualTo(HandshakeException.Failure.BAD_SIGNATURE);
    }

    @Test
    void aLowOrderEphemeralKeyIsRefused() throws Exception {
        JoinMessage.Offer offer = JoinMessage.Offer.decode(joiner(alpha).offer());
        byte[] zero = new JoinMessage.Offer(offer.certificate(), new byte[32], offer.nonce()).encode();

        HandshakeException e = catchThrowableOfType(HandshakeException.class, () -> answer(zero));

        assertThat(e.failure()).isEqualTo(HandshakeException.Failure.WEAK_KEY);
    }

    @Test
    void theMasterRefusesAJoinerUsingTheMastersOwnName() {
        HandshakeException e = catchThrowableOfType(HandshakeException.class, () -> answer(
                JoinerHandshake.start(master, MASTER, cluster.verifier(), random).offer()));

        assertThat(e.failure()).isEqualTo(HandshakeException.Failure.CREDENTIAL_REFUSED);
        assertThat(e).hasMessageContaining("our own name");
    }

    @Test
    void wrongTypesAndTrailingBytesAreMalformed() throws Exception {
        JoinerHandshake j = joiner(alpha);
        byte[] offer = j.offer();
        byte[] longer = java.util.Arrays.copyOf(offer, offer.length + 1);

        assertThatThrownBy(() -> j.onAnswer(offer)).isInstanceOf(HandshakeException.class).hasMessageContaining("type 2");
        assertThatThrownBy(() -> answer(longer)).hasMessage("1 bytes after the join message");
        assertThatThrownBy(() -> answer(java.util.Arrays.copyOf(offer, 40))).hasMessage("truncated join message");
    }

    static Stream<Arguments> arbitraryBytes() {
        return SeededCases.of(500, r -> Arguments.of(r.bytes(0, 120)));
    }

    @ParameterizedTest
    @MethodSource("arbitraryBytes")
    void arbitraryBytesOnlyEverGiveAHandshakeException(byte[] bytes) {
        for (byte type = 1; type <= 3; type++) {
            byte[] typed = bytes.clone();
            if (typed.length >= 2) {
                typed[0] = type;
                typed[1] = 1;
            }
            byte[] b = typed;
            assertThatThrownBy(() -> answer(b)).isInstanceOf(HandshakeException.class);
            assertThatThrownBy(() -> joiner(alpha).onAnswer(b)).isInstanceOf(HandshakeException.class);
        }
    }
}
