package io.cohort.server.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.inet.Ipv4Literal;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ipv4DispatcherTest {
    private static final Inet4Address ALICE = Ipv4Literal.parse("10.99.0.2").orElseThrow();
    private static final Inet4Address BOB = Ipv4Literal.parse("10.99.0.3").orElseThrow();
    private static final Inet4Address INSIDE = Ipv4Literal.parse("192.0.2.10").orElseThrow();
    private static final int OUR_MRU = 1400;

    private final Counters counters = new Counters();
    private final List<byte[]> tunWrites = new ArrayList<>();
    private final Ipv4Dispatcher dispatcher = new Ipv4Dispatcher(p -> tunWrites.add(bytes(p)), OUR_MRU, counters,
            RateLimitedLog.standard(System.getLogger("test"), new VirtualScheduler()));

    /** A session as the data path sees it, recording what it is asked to send. */
    private static final class FakeRoute implements Ipv4Dispatcher.Route {
        final Inet4Address address;
        final int peerMru;
        final List<byte[]> sent = new ArrayList<>();
        boolean linkUp = true;

        FakeRoute(Inet4Address address, int peerMru) {
            this.address = address;
            this.peerMru = peerMru;
        }

        @Override public Inet4Address address() { return address; }
        @Override public int peerMru() { return peerMru; }
        @Override public boolean sendIpv4(ByteBuffer packet) {
            if (linkUp) {
                sent.add(bytes(packet));
            }
            return linkUp;
        }
    }

    @Test
    void anAddressIsServedFromItsFirstSessionUntilItsLastIsGone() {
        List<String> told = new ArrayList<>();
        Ipv4Dispatcher watched = new Ipv4Dispatcher(p -> { }, OUR_MRU, counters,
                RateLimitedLog.standard(System.getLogger("test"), new VirtualScheduler()),
                new Ipv4Dispatcher.ServedAddresses() {
                    @Override
                    public void served(Inet4Address address) {
                        told.add("served " + address.getHostAddress());
                    }

                    @Override
                    public void released(Inet4Address address) {
                        told.add("released " + address.getHostAddress());
                    }
                });
        FakeRoute alice = new FakeRoute(ALICE, 1500);
        FakeRoute aliceAgain = new FakeRoute(ALICE, 1500);
        FakeRoute bob = new FakeRoute(BOB, 1500);

        watched.register(alice);
        watched.register(bob);
        watched.register(aliceAgain); // a new session at the address takes its packets: still served
        watched.unregister(alice); // the old one no longer holds it: nothing changes
        watched.unregister(aliceAgain);
        watched.unregister(bob);

        assertThat(told).containsExactly("served 10.99.0.2", "served 10.99.0.3", "released 10.99.0.2",
                "released 10.99.0.3");
    }

    @Test
    void tunPacketGoesToTheSessionOwningTheDestination() {
        FakeRoute alice = new FakeRoute(ALICE, 1500);
        FakeRoute bob = new FakeRoute(BOB, 1500);
        dispatcher.register(alice);
        dispatcher.register(bob);

        dispatcher.fromTun(packet(INSIDE, BOB, 100));

        assertThat(bob.sent).hasSize(1);
        assertThat(alice.sent).isEmpty();
        assertThat(counters.get("ipv4.downstream.packets")).isEqualTo(1);
    }

    @Test
    void tunPacketWithoutSessionIsCountedAndDropped() {
        dispatcher.fromTun(packet(INSIDE, ALICE, 100));

        assertThat(counters.get("ipv4.downstream.dropped.no_session")).isEqualTo(1);
    }

    @Test
    void tunPacketLargerThanThePeersMruIsDroppedNotTruncated() {
        FakeRoute alice = new FakeRoute(ALICE, 576);
        dispatcher.register(alice);

        dispatcher.fromTun(packet(INSIDE, ALICE, 577));
        dispatcher.fromTun(packet(INSIDE, ALICE, 576));

        assertThat(alice.sent).hasSize(1);
        assertThat(alice.sent.getFirst()).hasSize(576);
        assertThat(counters.get("ipv4.downstream.dropped.too_big")).isEqualTo(1);
    }

    @Test
    void tunPacketThatIsNotIpv4IsCounted() {
        dispatcher.fromTun(ByteBuffer.wrap(new byte[40]).put(0, (byte) 0x60));
        dispatcher.fromTun(ByteBuffer.wrap(new byte[10]).put(0, (byte) 0x45));

        assertThat(counters.get("ipv4.downstream.dropped.not_ipv4")).isEqualTo(2);
    }

    @Test
    void packetForALinkThatIsNotUpIsCounted() {
        FakeRoute alice = new FakeRoute(ALICE, 1500);
        alice.linkUp = false;
        dispatcher.register(alice);

        dispatcher.fromTun(packet(INSIDE, ALICE, 100));

        assertThat(counters.get("ipv4.downstream.dropped.link_not_up")).isEqualTo(1);
    }

    @Test
    void sessionPacketFromItsOwnAddressIsWrittenToTun() {
        FakeRoute alice = new FakeRoute(ALICE, 1500);
        dispatcher.register(alice);
        ByteBuffer p = packet(ALICE, INSIDE, 84);

        dispatcher.fromSession(alice, p);

        assertThat(tunWrites).hasSize(1);
        assertThat(tunWrites.getFirst()).hasSize(84);
        assertThat(counters.get("ipv4.upstream.packets")).isEqualTo(1);
    }

    @Test
    void sessionPacketWithAForgedSourceIsDropped() {
        FakeRoute alice = new FakeRoute(ALICE, 1500);
        dispatcher.register(alice);

        dispatcher.fromSession(alice, packet(BOB, INSIDE, 84));

        assertThat(tunWrites).isEmpty();
        assertThat(counters.get("ipv4.upstream.dropped.spoofed")).isEqualTo(1);
    }

    @Test
    void sessionPacketLargerThanOurMruIsDropped() {
        FakeRoute alice = new FakeRoute(ALICE, 1500);

        dispatcher.fromSession(alice, packet(ALICE, INSIDE, OUR_MRU + 1));

        assertThat(tunWrites).isEmpty();
        assertThat(counters.get("ipv4.upstream.dropped.too_big")).isEqualTo(1);
    }

    @Test
    void tunWriteErrorIsCounted() {
        Ipv4Dispatcher failing = new Ipv4Dispatcher(p -> { throw new IOException("EIO"); }, OUR_MRU, counters,
                RateLimitedLog.standard(System.getLogger("test"), new VirtualScheduler()));

        failing.fromSession(new FakeRoute(ALICE, 1500), packet(ALICE, INSIDE, 84));

        assertThat(counters.get("ipv4.upstream.dropped.tun_write_error")).isEqualTo(1);
    }

    @Test
    void unregisteringLeavesAnAddressTakenOverByAnotherSession() {
        FakeRoute old = new FakeRoute(ALICE, 1500);
        FakeRoute successor = new FakeRoute(ALICE, 1500);
        dispatcher.register(old);
        dispatcher.register(successor);

        dispatcher.unregister(old);
        dispatcher.fromTun(packet(INSIDE, ALICE, 60));

        assertThat(successor.sent).hasSize(1);
        assertThat(dispatcher.routeCount()).isEqualTo(1);
    }

    /** A minimal IPv4 header (20 bytes) from {@code src} to {@code dst}, padded to {@code length}. */
    static ByteBuffer packet(Inet4Address src, Inet4Address dst, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(0, (byte) 0x45).putShort(2, (short) length).put(8, (byte) 64).put(9, (byte) 17);
        b.put(12, src.getAddress()).put(16, dst.getAddress());
        return b;
    }

    private static byte[] bytes(ByteBuffer p) {
        byte[] out = new byte[p.remaining()];
        p.duplicate().get(out);
        return out;
    }
}
