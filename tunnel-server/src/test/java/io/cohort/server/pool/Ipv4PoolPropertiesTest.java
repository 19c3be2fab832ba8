package io.cohort.server.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Random sequences of allocate/release against a model: the set of addresses in use. */
@ExtendWith(FailingCaseReport.class)
class Ipv4PoolPropertiesTest {
    /** Operations: allocate for user u (u ≥ 0), or release the k-th address in use (-k-1). */
    static Stream<Arguments> operations() {
        return SeededCases.of(1000, random -> Arguments.of(random.listOf(0, 200, r -> r.intBetween(-20, 8))));
    }

    @ParameterizedTest
    @MethodSource("operations")
    void noAddressIsHandedOutTwiceWhileInUse(List<Integer> ops) {
        Ipv4Pool pool = Ipv4PoolTest.pool("10.0.0.0/28", "10.0.0.5");
        Map<Inet4Address, String> inUse = new HashMap<>();
        for (int op : ops) {
            if (op >= 0) {
                Optional<Inet4Address> a = pool.allocate("user" + op);
                if (inUse.size() == pool.size()) {
                    assertThat(a).as("exhausted").isEmpty();
                } else {
                    assertThat(a).isPresent();
                    assertThat(inUse).doesNotContainKey(a.get());
                    assertThat(a.get().getHostAddress()).isNotIn("10.0.0.0", "10.0.0.5", "10.0.0.15");
                    inUse.put(a.get(), "user" + op);
                }
            } else if (!inUse.isEmpty()) {
                List<Inet4Address> held = new ArrayList<>(inUse.keySet());
                Inet4Address victim = held.get((-op - 1) % held.size());
                pool.release(victim);
                inUse.remove(victim);
            }
            assertThat(pool.used()).isEqualTo(inUse.size());
            assertThat(pool.free()).isEqualTo(pool.size() - inUse.size());
        }
        assertThat(pool.allocations()).hasSize(inUse.size()).allSatisfy(a ->
                assertThat(inUse.get(a.address())).isEqualTo(a.user()));
    }

    @ParameterizedTest
    @MethodSource("operations")
    void releaseMakesEveryAddressReusable(List<Integer> ops) {
        Ipv4Pool pool = Ipv4PoolTest.pool("10.0.0.0/28", "10.0.0.5");
        List<Inet4Address> held = new ArrayList<>();
        for (int op : ops) {
            if (op >= 0) {
                pool.allocate("user" + op).ifPresent(held::add);
            } else if (!held.isEmpty()) {
                pool.release(held.remove((-op - 1) % held.size()));
            }
        }
        held.forEach(pool::release);

        List<Inet4Address> all = new ArrayList<>();
        pool.allocate("x").ifPresent(all::add);
        while (all.size() < pool.size()) {
            all.add(pool.allocate("x" + all.size()).orElseThrow());
        }
        assertThat(all).doesNotHaveDuplicates().hasSize(13);
        assertThat(pool.allocate("one-too-many")).isEmpty();
    }
}
