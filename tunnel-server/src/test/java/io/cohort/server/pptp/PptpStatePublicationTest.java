package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpStateKeys.CALL_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.CONNECTION_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.CONNECTION_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.GRE_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.GRE_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.PPP_ESSENTIAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.pptp.control.ControlConnectionEssentialState;
import io.cohort.pptp.control.ControlConnectionInitialState;
import io.cohort.pptp.control.ControlState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.control.PptpCallEssentialState;
import io.cohort.pptp.gre.GreChannelEssentialState;
import io.cohort.pptp.gre.GreChannelInitialState;
import io.cohort.pptp.gre.GreSequenceState;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.replication.StateKey;
import io.cohort.telemetry.Counters;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What reaches the publisher of the records offered, keys and sizes (patent, figure 7). */
class PptpStatePublicationTest {
    private static final WorkUnit UNIT = WorkUnit.of(17);
    private static final long CONNECTION = PptpStateKeys.connection(new InetSocketAddress("192.0.2.2", 40000));
    private static final int CALL_ID = 0x4411;
    private static final ControlConnectionInitialState CONNECTION_STARTED = new ControlConnectionInitialState(
            new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0x0110, "client", "cananian"));
    private static final PptpCall CALL = new PptpCall(CALL_ID, 0x1234, 64, Duration.ZERO, 64, 3, 10_000_000);
    private static final GreChannelInitialState GRE = new GreChannelInitialState(0x1234, 64, Duration.ZERO, 64);

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final Counters counters = new Counters();
    private final PptpStatePublication publication = new PptpStatePublication(publisher, counters);

    @Test
    void initialStateGoesOutOnceAndEssentialStateOnEachChange() {
        publication.connection(UNIT, CONNECTION, CONNECTION_STARTED, essential(0));
        publication.connection(UNIT, CONNECTION, CONNECTION_STARTED, essential(0));
        publication.connection(UNIT, CONNECTION, CONNECTION_STARTED, essential(1));

        assertThat(publisher.drainPutSpaces())
                .containsExactly(CONNECTION_INITIAL, CONNECTION_ESSENTIAL, CONNECTION_ESSENTIAL);
        assertThat(counters.counter("pptp.replication.puts").get()).isEqualTo(3);
        assertThat(publisher.held.keySet()).containsExactly(new StateKey(CONNECTION_INITIAL, CONNECTION),
                new StateKey(CONNECTION_ESSENTIAL, CONNECTION));
    }

    @Test
    void countersArePutOnlyWhereTheyMoved() {
        assertThat(publication.counters(UNIT, CONNECTION, CALL_ID, gre(10), PppLinkEssentialState.NONE)).isTrue();
        assertThat(publisher.drainPutSpaces()).containsExactly(GRE_ESSENTIAL, PPP_ESSENTIAL);

        assertThat(publication.counters(UNIT, CONNECTION, CALL_ID, gre(10), PppLinkEssentialState.NONE)).isFalse();
        assertThat(publication.counters(UNIT, CONNECTION, CALL_ID, gre(11), PppLinkEssentialState.NONE)).isTrue();
        assertThat(publisher.drainPutSpaces()).containsExactly(GRE_ESSENTIAL);
    }

    @Test
    void aCallsKeysAreItsConnectionsAndItsCallId() {
        publication.call(UNIT, CONNECTION, CALL, GRE);

        assertThat(publisher.held.keySet()).containsExactly(PptpStateKeys.callKey(CALL_INITIAL, CONNECTION, CALL_ID),
                PptpStateKeys.callKey(GRE_INITIAL, CONNECTION, CALL_ID));
        assertThat(publisher.held.keySet()).allSatisfy(k -> {
            assertThat(PptpStateKeys.connectionOfCall(k.id())).isEqualTo(CONNECTION);
            assertThat(PptpStateKeys.callIdOf(k.id())).isEqualTo(CALL_ID);
        });
        assertThat(publisher.events).allSatisfy(e -> assertThat(e.unit()).isEqualTo(UNIT));
    }

    @Test
    void goneCallsAndConnectionsRemoveWhatWasPutAndNothingElse() {
        publication.connection(UNIT, CONNECTION, CONNECTION_STARTED, essential(0));
        publication.call(UNIT, CONNECTION, CALL, GRE);
        publisher.events.clear();

        publication.callGone(UNIT, CONNECTION, CALL_ID);
        assertThat(publisher.events).extracting(e -> e.key().space()).containsExactly(CALL_INITIAL, GRE_INITIAL);
        publication.connectionGone(UNIT, CONNECTION);

        assertThat(publisher.held).isEmpty();
        assertThat(publication.keys()).isZero();
        assertThat(counters.counter("pptp.replication.removes").get()).isEqualTo(4);
    }

    @Test
    void aHandedOverConnectionIsForgottenWithoutRemovals() {
        publication.connection(UNIT, CONNECTION, CONNECTION_STARTED, essential(0));
        publication.call(UNIT, CONNECTION, CALL, GRE);
        long other = CONNECTION + 1;
        publication.connection(UNIT, other, CONNECTION_STARTED, essential(0));
        publisher.events.clear();

        publication.handedOver(CONNECTION);

        assertThat(publisher.events).isEmpty();
        assertThat(publication.keys()).as("the other connection's keys").isEqualTo(2);
    }

    @Test
    void aSteadyStateCallIsWellUnderTheBudgetOfOneKibPerSession() {
        publication.connection(UNIT, CONNECTION, CONNECTION_STARTED, essential(1));
        publication.call(UNIT, CONNECTION, CALL, GRE);
        publication.counters(UNIT, CONNECTION, CALL_ID, gre(1000), PppLinkEssentialState.NONE);

        int octets = publisher.held.values().stream().mapToInt(b -> b.length).sum();
        assertThat(octets).as("control connection, call, GRE channel (no PPP link, no TCP)").isBetween(100, 300);
    }

    private static ControlConnectionEssentialState essential(long echo) {
        return new ControlConnectionEssentialState(ControlState.ESTABLISHED, echo, echo > 0,
                List.of(new PptpCallEssentialState(CALL_ID, Optional.empty(), Optional.empty())));
    }

    private static GreChannelEssentialState gre(long next) {
        return new GreChannelEssentialState(new GreSequenceState(next, OptionalLong.of(5)), 32,
                Duration.ofMillis(20), Duration.ofMillis(5));
    }
}
