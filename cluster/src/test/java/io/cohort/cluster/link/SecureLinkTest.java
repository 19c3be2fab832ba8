package io.cohort.cluster.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.message.OfferMaster;
import io.cohort.cluster.message.OtherMasterExists;
import io.cohort.cluster.pki.ClusterCa;
import io.cohort.cluster.secure.Opener;
import io.cohort.cluster.secure.SignedDatagram;
import io.cohort.cluster.wire.ClusterCodec;
import io.cohort.cluster.wire.DecodeFault;
import io.cohort.wire.DecodeResult;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SecureLinkTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void threeMembersFormACluster_andEveryDatagramIsSealedOrAnAllowedSignedOne() {
        LinkedCluster c = LinkedCluster.started(1, 1, 3);
        c.run(Duration.ofSeconds(3));

        assertThat(c.formed("a", "b", "c")).isTrue();
        assertThat(c.withRole(Role.MASTER)).singleElement().extracting(m -> m.node.id()).isEqualTo(MemberId.of("a"));
        for (ByteNetwork.Sent sent : c.network.sent()) {
            byte[] d = sent.datagram();
            switch (FrameKind.of(d).orElseThrow()) {
                case SIGNED -> assertThat(signedMessage(c, d)).isInstanceOfAny(OfferMaster.class, OtherMasterExists.class,
                        MasterKeepalive.class, Exit.class, JoinNak.class);
                case SEALED, JOIN, ANSWER, FINISH -> { }
            }
        }
        for (LinkedCluster.Member m : c.members.values()) {
            assertThat(m.counters.snapshot()).as(m.node.id().name())
                    .allSatisfy((name, value) -> {
                        if (name.startsWith("cluster.link.dropped") || name.startsWith("cluster.rx.dropped")
                                || name.equals("cluster.link.internal_errors")) {
                            assertThat(value).as(name).isZero();
                        }
                    });
        }
        assertThat(c.members.get("a").link.sessions()).isEqualTo(2);
    }

    @Test
    void aMemberWithAForeignCaOrARevokedCertificateIsRefused() {
        LinkedCluster c = LinkedCluster.started(2, 1, 2);
        c.run(SECOND);
        assertThat(c.formed("a", "b")).isTrue();

        var revokedCredential = c.credential(c.ca, "r", 6);
        c.crl = c.ca.revoke(c.crl, revokedCredential.certificate().getSerialNumber(), LinkedCluster.T0, Duration.ofDays(365));
        c.members.values().forEach(m -> m.link.replaceVerifier(c.verifier()));
        LinkedCluster.Member revoked = c.add("r", 6, 1, revokedCredential, c.verifier());
        ClusterCa foreign = ClusterCa.selfSigned("other", LinkedCluster.key(99), BigInteger.TWO,
                LinkedCluster.T0.minus(Duration.ofDays(1)), LinkedCluster.T0.plus(Duration.ofDays(3650)));
        LinkedCluster.Member stranger = c.add("x", 5, 1, c.credential(foreign, "x", 5),
                new io.cohort.cluster.pki.MemberCredentialVerifier(foreign.certificate(),
                        foreign.emptyRevocationList(LinkedCluster.T0.minus(Duration.ofHours(1)), Duration.ofDays(365)),
                        c.wallClock));
        stranger.node.start();
        revoked.node.start();
        c.run(Duration.ofSeconds(5));

        LinkedCluster.Member master = c.members.get("a");
        assertThat(master.node.members()).containsExactlyInAnyOrder(MemberId.of("a"), MemberId.of("b"));
        assertThat(master.counters.get("cluster.join.refused.untrusted_issuer")).isPositive();
        assertThat(master.counters.get("cluster.join.refused.revoked")).isPositive();
        assertThat(revoked.refusals).contains(NakReason.CREDENTIAL_REJECTED); // it trusts the master's signed NAK
        assertThat(stranger.refusals).isEmpty(); // it cannot verify the NAK: it rules a cluster of one
        assertThat(c.members.get("b").node.members()).containsExactlyInAnyOrder(MemberId.of("a"), MemberId.of("b"));
    }

    @Test
    void replayedForgedAndDamagedDatagramsAreDroppedAndCounted() {
        LinkedCluster c = LinkedCluster.started(3, 1, 2);
        c.run(SECOND);
        LinkedCluster.Member a = c.members.get("a");
        LinkedCluster.Member b = c.members.get("b");
        List<ByteNetwork.Sent> fromB = c.network.sent().stream()
                .filter(s -> s.from().equals(b.address) && s.datagram()[0] == 1).toList();
        ByteNetwork.Sent sealed = fromB.getLast();
        c.network.inject(b.address, a.address, sealed.datagram());
        assertThat(a.counters.get(Opener.REPLAY)).isEqualTo(1);

        ByteNetwork.Sent offer = c.network.sent().stream().filter(s -> s.datagram()[0] == SignedDatagram.KIND
                && s.from().equals(a.address) && signedMessage(c, s.datagram()) instanceof OfferMaster).findFirst().orElseThrow();
        c.network.inject(offer.from(), b.address, offer.datagram());
        assertThat(b.counters.get("cluster.link.dropped.replay")).isEqualTo(1);

        byte[] flipped = sealed.datagram().clone(); // a fresh sequence number, in the authenticated header
        flipped[2 + flipped[1] + 4] ^= 0x40;
        c.network.inject(b.address, a.address, flipped);
        assertThat(a.counters.get(Opener.BAD_TAG)).isEqualTo(1);

        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            if (junk.length > 0) {
                junk[0] = (byte) random.nextInt(7);
            }
            c.network.inject(b.address, a.address, junk);
            c.network.inject(a.address, b.address, junk);
        }
        c.run(Duration.ofSeconds(2));
        assertThat(a.counters.get("cluster.link.internal_errors") + b.counters.get("cluster.link.internal_errors")).isZero();
        assertThat(c.formed("a", "b")).isTrue();
    }

    @Test
    void aLostFinishIsSentAgainWhenTheMasterRepeatsItsAnswer() {
        LinkedCluster c = new LinkedCluster(7);
        c.add("a", 1, 1).node.start();
        c.run(SECOND);
        LinkedCluster.Member b = c.add("b", 2, 1);
        c.network.loseNext(d -> d[0] == FrameKind.FINISH.code());
        b.node.start();
        c.run(Duration.ofMillis(150)); // well within b's join timeout: no offer to be master

        assertThat(c.formed("a", "b")).isTrue();
        assertThat(b.counters.get("cluster.link.finishes_repeated")).isEqualTo(1);
        assertThat(b.counters.get("cluster.election.offers")).isZero();
    }

    @Test
    void aRetransmittedJoinGetsTheLastAnswerAgainAndIsNotARejoin() {
        LinkedCluster c = new LinkedCluster(8);
        LinkedCluster.Member a = c.add("a", 1, 1);
        a.node.start();
        c.run(SECOND);
        LinkedCluster.Member b = c.add("b", 2, 1);
        b.node.start();
        c.run(SECOND);
        ByteNetwork.Sent join = c.network.sent().stream()
                .filter(s -> s.from().equals(b.address) && s.datagram()[0] == FrameKind.JOIN.code()).toList().getLast();

        c.network.inject(b.address, a.address, join.datagram()); // a copy that lingered in the network
        c.run(SECOND);

        assertThat(a.counters.get("cluster.link.join_replies_repeated")).isEqualTo(1);
        assertThat(a.counters.get("cluster.join.rejoined") + a.counters.get("cluster.join.ack_repeated")).isZero();
        assertThat(c.formed("a", "b")).isTrue();
    }

    @Test
    void aStaleMemberFetchesTheConfigurationOverItsSessionAndRejoins() {
        LinkedCluster c = LinkedCluster.started(4, 7, 2);
        c.run(SECOND);
        LinkedCluster.Member stale = c.add("s", 3, 5);
        stale.node.start();
        c.run(Duration.ofSeconds(2));

        assertThat(stale.fetched).singleElement().satisfies(conf -> {
            assertThat(conf.version()).isEqualTo(7);
            assertThat(new String(conf.content())).isEqualTo("config of a");
        });
        assertThat(stale.node.configVersion()).isEqualTo(7);
        assertThat(c.formed("a", "b", "s")).isTrue();
    }

    @Test
    void aMemberLeavingRotatesTheGroupKey_theOthersStayAndTheLeaverCannotReadOn() {
        LinkedCluster c = LinkedCluster.started(5, 1, 3);
        c.run(SECOND);
        LinkedCluster.Member leaver = c.members.get("c");
        c.network.detach(leaver.address); // it hears nothing more, and says nothing
        c.run(SECOND);
        LinkedCluster.Member a = c.members.get("a");
        assertThat(a.node.members()).containsExactlyInAnyOrder(MemberId.of("a"), MemberId.of("b"));
        assertThat(a.counters.get("cluster.link.group_key_rotations")).isEqualTo(1);

        long unknownBefore = leaver.counters.get(Opener.UNKNOWN_KEY) + leaver.counters.get(Opener.UNKNOWN_SENDER);
        c.network.attach(leaver.address, (from, d) -> {
            if (d[0] == 1 && from.equals(a.address)) {
                leaver.link.receive(from, d);
            }
        });
        c.run(Duration.ofMillis(300));
        assertThat(leaver.counters.get(Opener.UNKNOWN_KEY) + leaver.counters.get(Opener.UNKNOWN_SENDER))
                .isGreaterThan(unknownBefore);
        c.network.detach(leaver.address);
        c.members.remove("c");
        c.run(Duration.ofSeconds(5));
        assertThat(c.formed("a", "b")).isTrue();
        assertThat(c.members.get("b").counters.get("cluster.member.master_lost")).isZero();
    }

    @Test
    void theMastersCrashIsSurvived_underFivePercentLoss() {
        LinkedCluster c = new LinkedCluster(6);
        c.network.setLoss(0.05);
        for (int i = 1; i <= 5; i++) {
            c.add("m" + i, i, 1);
        }
        c.members.values().forEach(m -> m.node.start());
        c.run(Duration.ofSeconds(3));
        assertThat(c.formed("m1", "m2", "m3", "m4", "m5")).isTrue();
        c.crash("m1");
        c.run(Duration.ofSeconds(3));
        assertThat(c.formed("m2", "m3", "m4", "m5")).isTrue();
        c.run(Duration.ofSeconds(60));
        assertThat(c.formed("m2", "m3", "m4", "m5")).isTrue();
        for (LinkedCluster.Member m : c.members.values()) {
            assertThat(m.counters.get("cluster.link.internal_errors")).isZero();
            assertThat(m.counters.get(Opener.BAD_TAG)).isZero();
        }
    }

    private static ClusterMessage signedMessage(LinkedCluster c, byte[] datagram) {
        try {
            byte[] message = SignedDatagram.verify(datagram, c.verifier()).message();
            return ((DecodeResult.Decoded<ClusterMessage, DecodeFault>) ClusterCodec.decode(message)).value();
        } catch (io.cohort.cluster.secure.HandshakeException e) {
            throw new AssertionError(e);
        }
    }
}
