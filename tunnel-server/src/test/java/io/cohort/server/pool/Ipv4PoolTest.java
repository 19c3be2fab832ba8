package io.cohort.server.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class Ipv4PoolTest {
    static Inet4Address ip(String s) {
        return Ipv4Literal.parse(s).orElseThrow();
    }

    static Ipv4Pool pool(String cidr, String gateway) {
        return new Ipv4Pool(((Ipv4Cidr.Parsed.Ok) Ipv4Cidr.parse(cidr)).cidr(), ip(gateway));
    }

    @Test
    void aClaimedAddressIsTheUsersAndNeverHandedOutAgain() {
        Ipv4Pool p = pool("10.99.0.0/29", "10.99.0.1");

        assertThat(p.claim(ip("10.99.0.4"), "alice")).isTrue();
        assertThat(p.claim(ip("10.99.0.4"), "alice")).as("claiming again is idempotent").isTrue();
        assertThat(p.claim(ip("10.99.0.4"), "bob")).as("another user's lease is not taken").isFalse();
        assertThat(p.used()).isEqualTo(1);
        assertThat(p.allocations()).containsExactly(new Ipv4Pool.Allocation(ip("10.99.0.4"), "alice"));
        List<String> others = new ArrayList<>();
        Optional<Inet4Address> a;
        while ((a = p.allocate("u" + others.size())).isPresent()) {
            others.add(a.get().getHostAddress());
        }
        assertThat(others).containsExactly("10.99.0.2", "10.99.0.3", "10.99.0.5", "10.99.0.6");
    }

    @Test
    void aClaimedAddressIsReleasedAndRememberedLikeAnAllocatedOne() {
        Ipv4Pool p = pool("10.99.0.0/29", "10.99.0.1");
        p.claim(ip("10.99.0.5"), "alice");

        p.release(ip("10.99.0.5"));

        assertThat(p.used()).isZero();
        assertThat(p.allocate("alice")).as("a returning user gets the claimed address back").contains(ip("10.99.0.5"));
    }

    @Test
    void theGatewayNetworkAndBroadcastAddressesCannotBeClaimed() {
        Ipv4Pool p = pool("10.99.0.0/29", "10.99.0.1");

        assertThat(p.claim(ip("10.99.0.1"), "alice")).as("gateway").isFalse();
        assertThat(p.claim(ip("10.99.0.0"), "alice")).as("network").isFalse();
        assertThat(p.claim(ip("10.99.0.7"), "alice")).as("broadcast").isFalse();
        assertThat(p.used()).isZero();
    }

    @Test
    void anAddressOutsideTheBlockIsHeldAsAForeignLeaseAndNeverHandedOut() {
        Ipv4Pool p = pool("10.99.0.0/29", "10.99.0.1");

        assertThat(p.claim(ip("10.98.0.9"), "alice")).isTrue();
        assertThat(p.claim(ip("10.98.0.9"), "alice")).as("claiming again is idempotent").isTrue();
        assertThat(p.claim(ip("10.98.0.9"), "bob")).as("another user's foreign lease is not taken").isFalse();

        assertThat(p.isForeign(ip("10.98.0.9"))).isTrue();
        assertThat(p.isInUse(ip("10.98.0.9"))).isTrue();
        assertThat(p.foreignLeases()).isEqualTo(1);
        assertThat(p.used()).as("not one of the block's").isZero();
        assertThat(p.allocate("alice")).as("the block's own address").contains(ip("10.99.0.2"));

        p.release(ip("10.98.0.9"));
        p.release(ip("10.98.0.9"));

        assertThat(p.isInUse(ip("10.98.0.9"))).isFalse();
        assertThat(p.foreignLeases()).isZero();
        assertThatThrownBy(() -> p.release(ip("10.99.0.1"))).as("the gateway is never leased")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void excludesNetworkBroadcastAndGateway() {
        Ipv4Pool p = pool("10.99.0.0/29", "10.99.0.1");
        List<String> handedOut = new ArrayList<>();
        Optional<Inet4Address> a;
        while ((a = p.allocate("u" + handedOut.size())).isPresent()) {
            handedOut.add(a.get().getHostAddress());
        }

        assertThat(p.size()).isEqualTo(5);
        assertThat(handedOut).containsExactly("10.99.0.2", "10.99.0.3", "10.99.0.4", "10.99.0.5", "10.99.0.6");
        assertThat(p.used()).isEqualTo(5);
        assertThat(p.free()).isZero();
    }

    @Test
    void gatewayOutsideTheBlockTakesNothingFromIt() {
        assertThat(pool("192.0.2.0/30", "198.51.100.1").size()).isEqualTo(2);
    }

    @Test
    void releasedAddressIsReusedLastAndReleaseIsIdempotent() {
        Ipv4Pool p = pool("10.0.0.0/29", "10.0.0.1");
        Inet4Address first = p.allocate("alice").orElseThrow();

        p.release(first);
        p.release(first);

        assertThat(p.used()).isZero();
        assertThat(p.allocate("bob").orElseThrow()).isNotEqualTo(first);
        assertThat(p.isInUse(first)).isFalse();
    }

    @Test
    void returningUserGetsTheirPreviousAddressIfFree() {
        Ipv4Pool p = pool("10.0.0.0/28", "10.0.0.1");
        Inet4Address alice = p.allocate("alice").orElseThrow();
        p.allocate("bob").orElseThrow();
        p.release(alice);
        p.allocate("carol").orElseThrow();

        assertThat(p.allocate("alice")).contains(alice);
    }

    @Test
    void returningUserGetsAnotherAddressIfTheirsWasTaken() {
        Ipv4Pool p = pool("10.0.0.0/30", "10.0.0.1");
        Inet4Address alice = p.allocate("alice").orElseThrow();
        p.release(alice);
        Inet4Address bob = p.allocate("bob").orElseThrow();

        assertThat(bob).isEqualTo(alice);
        assertThat(p.allocate("alice")).isEmpty();
        p.release(bob);
        assertThat(p.allocate("alice")).as("bob's now, so alice's memory was dropped").contains(alice);
    }

    @Test
    void allocationsListUsersInAddressOrder() {
        Ipv4Pool p = pool("10.0.0.0/29", "10.0.0.1");
        p.allocate("alice");
        p.allocate("bob");

        assertThat(p.allocations()).containsExactly(new Ipv4Pool.Allocation(ip("10.0.0.2"), "alice"),
                new Ipv4Pool.Allocation(ip("10.0.0.3"), "bob"));
    }

    @Test
    void rejectsTheBlocksReservedAddressesAndBadBlocks() {
        Ipv4Pool p = pool("10.0.0.0/29", "10.0.0.1");

        p.release(ip("10.0.1.2")); // outside the block and not leased: nothing to end
        assertThat(p.used()).isZero();
        assertThatThrownBy(() -> p.release(ip("10.0.0.1"))).hasMessageContaining("not an address of pool");
        assertThatThrownBy(() -> p.release(ip("10.0.0.0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool("10.0.0.0/31", "10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool("10.0.0.0/8", "10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largestPoolHasAMillionAddresses() {
        Ipv4Pool p = pool("172.16.0.0/12", "172.16.0.1");

        assertThat(p.size()).isEqualTo((1 << 20) - 3);
        assertThat(p.allocate("u")).contains(ip("172.16.0.2"));
    }

    @Test
    void concurrentAllocationsNeverShareAnAddress() throws Exception {
        Ipv4Pool p = pool("10.0.0.0/22", "10.0.0.1");
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ConcurrentLinkedQueue<Inet4Address> all = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < 500; i++) {
                    Inet4Address a = p.allocate("t" + id + "-" + i).orElseThrow();
                    if (i % 2 == 0) {
                        p.release(a);
                    } else {
                        all.add(a);
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }

        Set<Inet4Address> distinct = new HashSet<>(all);
        assertThat(distinct).hasSize(threads * 250);
        assertThat(p.used()).isEqualTo(threads * 250);
    }
}
