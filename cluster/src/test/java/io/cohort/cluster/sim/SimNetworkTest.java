package io.cohort.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberKeepalive;
import io.cohort.time.VirtualScheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated network's {@link SimNetwork.Tap}: what it sees of sends, broadcasts, losses. */
class SimNetworkTest {
    private static final MemberAddress A = address(1);
    private static final MemberAddress B = address(2);
    private static final MemberAddress C = address(3);
    private static final ClusterMessage MESSAGE = new MemberKeepalive(MemberId.of("a"), 1, 0);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final SimNetwork network = new SimNetwork(scheduler, 1);
    private final List<String> seen = new ArrayList<>();
    private final List<String> received = new ArrayList<>();

    SimNetworkTest() {
        for (MemberAddress a : List.of(A, B, C)) {
            network.attach(a, (from, m) -> received.add(last(from) + ">" + last(a)));
        }
        network.tap(new SimNetwork.Tap() {
            @Override public void sent(MemberAddress from, ClusterMessage message) { seen.add("sent " + last(from)); }
            @Override public void delivered(MemberAddress from, MemberAddress to, ClusterMessage message) {
                seen.add("delivered " + last(from) + ">" + last(to));
            }
        });
    }

    @Test
    void aBroadcastIsSentOnceAndDeliveredToEachOtherEndpoint() {
        network.broadcast(A, MESSAGE);
        scheduler.advance(Duration.ofMillis(10));

        assertThat(seen).containsExactly("sent 1", "delivered 1>2", "delivered 1>3");
        assertThat(received).containsExactly("1>2", "1>3");
        assertThat(network.sent()).isEqualTo(2); // datagrams: one per receiver
    }

    @Test
    void aLostOrUndeliverableDatagramIsSentButNotDelivered() {
        network.setConditions(LinkConditions.CLEAN.withLoss(1));
        network.unicast(A, B, MESSAGE);
        network.setConditions(LinkConditions.CLEAN);
        network.unicast(A, C, MESSAGE);
        network.detach(C);
        scheduler.advance(Duration.ofMillis(10));

        assertThat(seen).containsExactly("sent 1", "sent 1");
        assertThat(received).isEmpty();
    }

    @Test
    void aDuplicatedDatagramIsDeliveredTwice() {
        network.setConditions(LinkConditions.CLEAN.withDuplication(1));
        network.unicast(A, B, MESSAGE);
        scheduler.advance(Duration.ofMillis(10));

        assertThat(seen).containsExactly("sent 1", "delivered 1>2", "delivered 1>2");
    }

    private static String last(MemberAddress a) {
        byte[] bytes = a.ip().getAddress();
        return Integer.toString(bytes[bytes.length - 1]);
    }

    private static MemberAddress address(int last) {
        try {
            return new MemberAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last}), 4500);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
