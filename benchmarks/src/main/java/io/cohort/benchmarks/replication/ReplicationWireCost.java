package io.cohort.benchmarks.replication;

import io.cohort.benchmarks.PptpPublishingPair;
import io.cohort.server.l2tp.L2tpServerRig;
import io.cohort.server.pptp.PptpPublicationProbe;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Octets on the replication wire per session and per state change (patent, figure 7; targets in
 * DESIGN.md: 512 B per L2TP session, 1 KiB per PPTP session with its TCP connection), measured
 * from the server's own publication classes and codecs and the replication wire codec, nothing
 * estimated: the L2TP member is {@link L2tpServerRig} (the server's wiring and publication), the
 * PPTP one the server's publication ({@link PptpPublicationProbe}) fed by real engines
 * ({@link PptpPublishingPair}); every frame goes through {@link InProcessReplication}, which encodes
 * it as the replication stream carries it (before TLS). Prints Markdown tables.
 *
 * <p>Usage: {@code ReplicationWireCost} (no arguments; about a second).
 */
public final class ReplicationWireCost {
    private static final Duration STEP = Duration.ofMillis(100);

    private ReplicationWireCost() {
    }

    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING); // a line per session otherwise
        l2tp();
        pptp();
    }

    /** A member with one L2TP tunnel and session, replicating to a peer; {@code tally} sees every frame. */
    record L2tpMember(L2tpServerRig rig, InProcessReplication replication, FrameTally tally) {
        static L2tpMember withOneSession() {
            return withOneSession(false);
        }

        /** With {@code sequencedData} the data messages carry Ns (RFC 2661 5.4). */
        static L2tpMember withOneSession(boolean sequencedData) {
            L2tpMember member = new L2tpMember(null, new InProcessReplication(), new FrameTally());
            member.replication.tap(member.tally);
            member.replication.connect();
            L2tpServerRig rig = new L2tpServerRig(member.replication, sequencedData);
            rig.connect(1, 1);
            member.replication.drainAndDeliver();
            return new L2tpMember(rig, member.replication, member.tally);
        }
    }

    /** A member with one PPTP connection and call, replicating to a peer; {@code tally} sees every frame. */
    record PptpMember(PptpPublishingPair pair, InProcessReplication replication, FrameTally tally) {
        static PptpMember withOneCall() {
            InProcessReplication replication = new InProcessReplication();
            FrameTally tally = new FrameTally();
            replication.tap(tally);
            replication.connect();
            PptpPublishingPair pair = new PptpPublishingPair(replication);
            replication.drainAndDeliver();
            return new PptpMember(pair, replication, tally);
        }
    }

    /** What a member that joins now is sent: the snapshot of everything published. */
    static FrameTally joiningSnapshot(InProcessReplication replication, FrameTally tally) {
        tally.clear();
        replication.join();
        replication.drainAndDeliver();
        return tally;
    }

    private static void l2tp() {
        L2tpMember member = L2tpMember.withOneSession();
        L2tpServerRig rig = member.rig();
        InProcessReplication replication = member.replication();
        FrameTally tally = joiningSnapshot(replication, member.tally());
        print("L2TP: one tunnel with one session, as a joining member's snapshot carries it", tally,
                L2tpServerRig::keySpaceName);

        tally.clear();
        for (Duration t = Duration.ZERO; t.compareTo(Duration.ofSeconds(61)) < 0; t = t.plus(STEP)) {
            rig.run(STEP);
            replication.drainAndDeliver();
        }
        print("L2TP: 61 s without traffic (HELLOs and their acknowledgements, RFC 2661 6.5; LCP echoes), drained every 100 ms",
                tally, L2tpServerRig::keySpaceName);

        tally.clear();
        ByteBuffer packet = ByteBuffer.allocate(100).put(0, (byte) 0x45).putShort(2, (short) 100);
        packet.put(12, rig.clientAddress(0).getAddress()).put(16, new byte[] {(byte) 198, 51, 100, 7});
        for (int i = 0; i < 10; i++) {
            rig.clientSends(0, packet.duplicate());
        }
        rig.run(Duration.ofMillis(600));
        replication.drainAndDeliver();
        print("L2TP: 10 packets upstream, then the 500 ms sweep (data without sequence numbers, no MPPE: the default)",
                tally, L2tpServerRig::keySpaceName);

        L2tpMember sequenced = L2tpMember.withOneSession(true);
        sequenced.rig().run(Duration.ofSeconds(1));
        sequenced.replication().drainAndDeliver();
        sequenced.tally().clear();
        for (int i = 0; i < 10; i++) {
            sequenced.rig().fromTun(packetTo(sequenced.rig()));
        }
        sequenced.rig().run(Duration.ofMillis(600));
        sequenced.replication().drainAndDeliver();
        print("L2TP with sequenced data (the client asked for Ns, RFC 2661 5.4): 10 packets downstream, then the "
                + "sweep", sequenced.tally(), L2tpServerRig::keySpaceName);
    }

    /** A 100-octet IPv4 packet from inside to the rig's first client. */
    private static ByteBuffer packetTo(L2tpServerRig rig) {
        ByteBuffer packet = ByteBuffer.allocate(100).put(0, (byte) 0x45).putShort(2, (short) 100);
        return packet.put(12, new byte[] {(byte) 198, 51, 100, 7}).put(16, rig.clientAddress(0).getAddress());
    }

    private static void pptp() {
        PptpMember member = PptpMember.withOneCall();
        PptpPublishingPair pair = member.pair();
        InProcessReplication replication = member.replication();
        FrameTally tally = joiningSnapshot(replication, member.tally());
        print("PPTP: one control connection, its TCP connection and one call (MPPE-128 stateless), as a joining "
                + "member's snapshot carries it", tally, PptpPublicationProbe::keySpaceName);

        tally.clear();
        int exchanges = 0;
        for (Duration t = Duration.ZERO; t.compareTo(Duration.ofSeconds(61)) < 0; t = t.plus(STEP)) {
            pair.run(STEP);
            if (pair.publishExchange()) {
                exchanges++;
            }
            replication.drainAndDeliver();
        }
        print("PPTP: 61 s without traffic (Echo-Request/Reply, RFC 2637 3.1.4; LCP echoes), published after each of "
                + exchanges + " control exchanges and drained", tally, PptpPublicationProbe::keySpaceName);

        tally.clear();
        pair.serverSendsPacket();
        pair.sweep();
        replication.drainAndDeliver();
        print("PPTP: one packet downstream (one MPPE coherency step; stateless mode re-keys on every packet, "
                + "RFC 3078 7.2), then the sweep", tally, PptpPublicationProbe::keySpaceName);
    }

    private static void print(String title, FrameTally tally, java.util.function.IntFunction<String> names) {
        System.out.println();
        System.out.println("**" + title + "**");
        System.out.println();
        System.out.println("| key space | PUTs | state octets | frame octets |");
        System.out.println("|---|---:|---:|---:|");
        System.out.print(tally.rows(names));
    }
}
