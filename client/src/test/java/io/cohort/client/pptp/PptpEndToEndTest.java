package io.cohort.client.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.Phase;
import io.cohort.ppp.ccp.CcpSettings;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ccp.StatelessPolicy;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.pptp.control.ClientControlState;
import io.cohort.pptp.control.ControlState;
import io.cohort.pptp.wire.StopControlConnectionReason;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole of PPTP in memory (RFC 2637 control connection and enhanced GRE, RFC 1661 PPP with
 * MS-CHAPv2, RFC 3078 MPPE-128): the client's control machine against Cohort's server one, two
 * GRE channels and two PPP links on virtual time ({@link PptpBackToBack}). IPv4 flows encrypted
 * both ways across MPPE key changes, with GRE packets lost on the way.
 */
class PptpEndToEndTest {
    private static final EncryptionPolicy STATEFUL_128 = EncryptionPolicy.requireMppe(
            new CcpSettings(EnumSet.of(MppeStrength.BITS_128), StatelessPolicy.FORBID));
    private static final byte[] MARKER = "cohort-pptp-plaintext".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * 84 octets shaped like IPv4 (PPP does not look inside): version/IHL, the direction, the index
     * at offset 4, then a recognisable plaintext marker.
     */
    private static ByteBuffer packet(boolean fromServer, int i) {
        ByteBuffer p = ByteBuffer.allocate(84);
        p.put((byte) 0x45).put((byte) (fromServer ? 1 : 2)).putShort((short) 84).putInt(i).put(MARKER);
        return p.clear();
    }

    private static int sequenceOf(ByteBuffer ipv4) {
        return ipv4.getInt(ipv4.position() + 4);
    }

    private static boolean contains(ByteBuffer haystack, byte[] needle) {
        byte[] h = new byte[haystack.remaining()];
        haystack.duplicate().get(h);
        outer:
        for (int i = 0; i + needle.length <= h.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (h[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private PptpBackToBack up(EncryptionPolicy policy, long seed) {
        PptpBackToBack b = new PptpBackToBack(policy, seed);
        b.connect();
        assertThat(b.clientCallEvents).containsExactly("up");
        assertThat(b.serverCallEvents).containsExactly("up");
        assertThat(b.client.link.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.server.link.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.client.local).isEqualTo(PptpBackToBack.CLIENT_ADDRESS);
        assertThat(b.client.peer).isEqualTo(PptpBackToBack.GATEWAY);
        return b;
    }

    /**
     * Sends {@code count} packets each way, one pair every 10 ms of virtual time, so that the GRE
     * acknowledgments (piggybacked, or alone after 100 ms) keep the windows open (4.2).
     */
    private static void exchange(PptpBackToBack b, int count) {
        for (int i = 0; i < count; i++) {
            b.client.link.sendIpv4(packet(false, i));
            b.server.link.sendIpv4(packet(true, i));
            b.pump();
            b.scheduler.advance(Duration.ofMillis(10));
            b.pump();
        }
        b.run(Duration.ofSeconds(1));
    }

    @Test
    void statelessMppe128CarriesIpv4BothWaysThroughGreLoss() {
        PptpBackToBack b = up(EncryptionPolicy.MPPE_128_REQUIRED, 1);
        MppeMode stateless128 = new MppeMode(MppeStrength.BITS_128, true);
        assertThat(b.client.encrypted).isEqualTo(stateless128);
        assertThat(b.server.encrypted).isEqualTo(stateless128);

        int[] dataPackets = {0};
        List<Integer> lostFromClient = new ArrayList<>();
        List<Integer> lostFromServer = new ArrayList<>();
        b.greOnWire.clear();
        b.grePass = (fromServer, p) -> {
            if (p.header().payloadLength() == 0) {
                return true; // acknowledgment-only
            }
            boolean lose = ++dataPackets[0] % 13 == 0;
            if (lose) {
                (fromServer ? lostFromServer : lostFromClient).add(dataPackets[0]);
            }
            return !lose;
        };
        exchange(b, 600); // every packet a new key in stateless mode (RFC 3078 7.2)

        assertThat(lostFromClient).isNotEmpty();
        assertThat(lostFromServer).isNotEmpty();
        assertThat(b.server.received).hasSize(600 - lostFromClient.size());
        assertThat(b.client.received).hasSize(600 - lostFromServer.size());
        assertInOrderAndIntact(b.server.received, false);
        assertInOrderAndIntact(b.client.received, true);
        assertThat(b.greOnWire).noneMatch(g -> contains(g, MARKER));
        assertThat(b.serverCounters.get("pptp.gre.rx.lost")).isEqualTo(lostFromClient.size());
        assertThat(b.clientCounters.get("pptp.gre.rx.lost")).isEqualTo(lostFromServer.size());

        hangUp(b);
    }

    @Test
    void statefulMppe128CrossesKeyChangesWithoutLoss() {
        PptpBackToBack b = up(STATEFUL_128, 2);
        assertThat(b.client.encrypted).isEqualTo(new MppeMode(MppeStrength.BITS_128, false));

        exchange(b, 700); // keys change every 256 packets (RFC 3078 7.1)

        assertThat(b.server.received).hasSize(700);
        assertThat(b.client.received).hasSize(700);
        assertInOrderAndIntact(b.server.received, false);
        assertInOrderAndIntact(b.client.received, true);
        assertThat(b.clientCounters.get("ppp.mppe.tx.reset_request")).isZero();
        assertThat(b.serverCounters.get("ppp.mppe.tx.reset_request")).isZero();
        hangUp(b);
    }

    @Test
    void statefulMppe128RecoversFromGreLossWithResetRequests() {
        PptpBackToBack b = up(STATEFUL_128, 3);
        int[] dataPackets = {0};
        b.grePass = (fromServer, p) -> p.header().payloadLength() == 0 || ++dataPackets[0] % 47 != 0; // odd: both directions

        exchange(b, 700);

        // Each loss costs the lost packet and those sent before the Reset-Request got through
        // (RFC 3078 8); the rest arrive in order and intact, past several key changes.
        assertThat(b.server.received.size()).isBetween(600, 699);
        assertThat(b.client.received.size()).isBetween(600, 699);
        assertInOrderAndIntact(b.server.received, false);
        assertInOrderAndIntact(b.client.received, true);
        // The Reset-Request reaches the sender before its next packet: the packet after each loss
        // is dropped awaiting FLUSHED, no more.
        assertThat(b.server.received).hasSize(700 - (int) b.serverCounters.get("pptp.gre.rx.lost")
                - (int) b.serverCounters.get("ppp.mppe.rx.dropped.loss_detected"));
        assertThat(b.client.received).hasSize(700 - (int) b.clientCounters.get("pptp.gre.rx.lost")
                - (int) b.clientCounters.get("ppp.mppe.rx.dropped.loss_detected"));
        assertThat(b.serverCounters.get("ppp.mppe.tx.reset_request")).isPositive();
        assertThat(b.clientCounters.get("ppp.mppe.tx.reset_request")).isPositive();
        hangUp(b);
    }

    private static void assertInOrderAndIntact(List<ByteBuffer> received, boolean fromServer) {
        int last = -1;
        for (ByteBuffer p : received) {
            int seq = sequenceOf(p);
            assertThat(seq).isGreaterThan(last);
            assertThat(p).isEqualTo(packet(fromServer, seq));
            last = seq;
        }
    }

    /** Call-Clear-Request, Call-Disconnect-Notify, then Stop-Control-Connection: everything down and closed. */
    private static void hangUp(PptpBackToBack b) {
        int callId = b.clientControl.calls().getFirst().callId();
        assertThat(b.clientControl.clearCall(callId)).isTrue();
        b.run(Duration.ofSeconds(5));
        assertThat(b.clientCallEvents).containsExactly("up", "down: cleared");
        assertThat(b.serverCallEvents).containsExactly("up", "down: peer sent Call-Clear-Request");
        assertThat(b.client.link.phase()).isEqualTo(Phase.DEAD);
        assertThat(b.server.link.phase()).isEqualTo(Phase.DEAD);

        b.clientControl.shutdown(StopControlConnectionReason.NONE, "done");
        b.pump();
        assertThat(b.clientControl.state()).isEqualTo(ClientControlState.CLOSED);
        assertThat(b.serverControl.state()).isEqualTo(ControlState.CLOSED);
    }
}
