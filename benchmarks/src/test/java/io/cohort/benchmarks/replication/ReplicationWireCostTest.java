package io.cohort.benchmarks.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The targets for state on the wire (DESIGN.md, "State"; patent, figure 7), measured as
 * {@link ReplicationWireCost} measures them: the PUT frames a joining member gets for one session,
 * replication frame headers included.
 */
class ReplicationWireCostTest {
    @Test
    void oneL2tpSessionWithItsTunnelTakesAtMost512Octets() {
        ReplicationWireCost.L2tpMember member = ReplicationWireCost.L2tpMember.withOneSession();

        FrameTally snapshot = ReplicationWireCost.joiningSnapshot(member.replication(), member.tally());

        assertThat(snapshot.puts()).as("tunnel and session, initial and essential").isEqualTo(4);
        assertThat(snapshot.putOctets()).isLessThanOrEqualTo(512);
        assertThat(member.replication().replicas().entries()).isEqualTo(4);
    }

    @Test
    void onePptpSessionWithItsTcpConnectionTakesAtMostOneKibibyte() {
        ReplicationWireCost.PptpMember member = ReplicationWireCost.PptpMember.withOneCall();

        FrameTally snapshot = ReplicationWireCost.joiningSnapshot(member.replication(), member.tally());

        assertThat(snapshot.puts()).as("connection, TCP, call, GRE, PPP: initial and essential").isEqualTo(9);
        assertThat(snapshot.putOctets()).isLessThanOrEqualTo(1024);
    }

    @Test
    void anIdleL2tpTunnelPutsOnlyItsEssentialStateAndOnlyWhenAControlMessageMovedIt() {
        ReplicationWireCost.L2tpMember member = ReplicationWireCost.L2tpMember.withOneSession();
        member.tally().clear();

        member.rig().run(Duration.ofSeconds(59));
        member.replication().drainAndDeliver();
        assertThat(member.tally().puts()).as("no control message yet").isZero();

        member.rig().run(Duration.ofSeconds(2)); // the HELLO of RFC 2661 6.5 after 60 s
        member.replication().drainAndDeliver();
        assertThat(member.tally().puts()).isBetween(1L, 2L);
    }
}
