package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.wire.DecodeResult;
import java.util.Arrays;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The framing of a session's L2TP and PPP records: round trips, and damage that is reported, never thrown. */
class SessionReplicaCodecTest {
    private static byte[] initial;
    private static byte[] essential;

    @BeforeAll
    static void publishedBySessionThatIsUp() {
        L2tpMembersBench bench = new L2tpMembersBench(true);
        bench.connect();
        int tunnelId = bench.client.tunnel.peerTunnelId();
        int sessionId = bench.client.session.peerSessionId();
        SortedMap<StateKey, ReplicaStore.Replica> keys = bench.a.published.unit(TunnelUnits.ofTunnel(tunnelId));
        initial = keys.get(L2tpStateKeys.sessionInitial(tunnelId, sessionId)).state();
        essential = keys.get(L2tpStateKeys.sessionEssential(tunnelId, sessionId)).state();
    }

    @Test
    void whatIsDecodedEncodesToTheSameOctets() {
        SessionReplicaCodec.SessionInitial i = value(SessionReplicaCodec.decodeInitial(initial));
        SessionReplicaCodec.SessionEssential e = value(SessionReplicaCodec.decodeEssential(essential));

        assertThat(SessionReplicaCodec.encode(i)).isEqualTo(initial);
        assertThat(SessionReplicaCodec.encode(e)).isEqualTo(essential);
        assertThat(i.ppp().user()).contains(L2tpMembersBench.USER);
        System.out.println("session initial " + initial.length + " B, essential " + essential.length + " B");
    }

    @Test
    void everyTruncationIsMalformedAndNeverThrows() {
        for (int length = 0; length < initial.length; length++) {
            assertThat(SessionReplicaCodec.decodeInitial(Arrays.copyOf(initial, length)))
                    .as("initial cut at %d", length).isInstanceOf(DecodeResult.Malformed.class);
        }
        for (int length = 0; length < essential.length; length++) {
            assertThat(SessionReplicaCodec.decodeEssential(Arrays.copyOf(essential, length)))
                    .as("essential cut at %d", length).isInstanceOf(DecodeResult.Malformed.class);
        }
    }

    @Test
    void aPartLengthBeyondTheOctetsIsAFramingFault() {
        byte[] damaged = initial.clone();
        damaged[0] = (byte) 0xFF;

        assertThat(SessionReplicaCodec.decodeInitial(damaged)).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.error()).isEqualTo(SessionReplicaCodec.Fault.FRAMING));
    }

    @Test
    void theEssentialPartsToStringHidesThePppState() {
        SessionReplicaCodec.SessionEssential e = value(SessionReplicaCodec.decodeEssential(essential));

        assertThat(e.toString()).doesNotContain("Mppe").doesNotContain("ppp");
    }

    private static <T> T value(DecodeResult<T, SessionReplicaCodec.Fault> result) {
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded<T, SessionReplicaCodec.Fault>) result).value();
    }
}
