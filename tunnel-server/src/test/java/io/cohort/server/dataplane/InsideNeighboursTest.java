package io.cohort.server.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.inet.Ipv4Literal;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InsideNeighboursTest {
    /** From our own pool. */
    private static final Inet4Address OURS = Ipv4Literal.parse("10.101.0.5").orElseThrow();
    /** A foreign lease: a session taken over from another member. */
    private static final Inet4Address TAKEN_OVER = Ipv4Literal.parse("10.102.0.9").orElseThrow();
    private static final Inet4Address STALE = Ipv4Literal.parse("10.102.0.7").orElseThrow();

    private final FakeEntries entries = new FakeEntries();
    private final List<Inet4Address> announced = new ArrayList<>();
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Counters counters = new Counters();
    private final InsideNeighbours neighbours = new InsideNeighbours(entries, a -> announced.add(a), scheduler,
            counters);

    /** The kernel's proxy table of the inside interface, and every change asked of it. */
    private static final class FakeEntries implements InsideNeighbours.ProxyArpEntries {
        final Set<Inet4Address> table = new LinkedHashSet<>();
        final Set<Inet4Address> refusing = new LinkedHashSet<>();
        final List<String> changes = new ArrayList<>();

        @Override
        public boolean add(Inet4Address address) {
            changes.add("add " + address.getHostAddress());
            if (refusing.contains(address)) {
                return false;
            }
            table.add(address);
            return true;
        }

        @Override
        public void remove(Inet4Address address) {
            changes.add("remove " + address.getHostAddress());
            table.remove(address);
        }

        @Override
        public List<Inet4Address> present() {
            return List.copyOf(table);
        }
    }

    @Test
    void aSessionTakenOverIsAnsweredForAndAnnouncedThreeTimes() {
        neighbours.served(TAKEN_OVER);

        assertThat(entries.table).containsExactly(TAKEN_OVER);
        assertThat(announced).containsExactly(TAKEN_OVER);
        scheduler.advance(InsideNeighbours.SPACING.multipliedBy(InsideNeighbours.ANNOUNCEMENTS));
        assertThat(announced).containsExactly(TAKEN_OVER, TAKEN_OVER, TAKEN_OVER);
        assertThat(neighbours.proxied()).containsExactly(TAKEN_OVER);
        assertThat(counters.get("inside.arp.proxy_added")).isEqualTo(1);
        assertThat(counters.get("inside.arp.announcements")).isEqualTo(3);
    }

    @Test
    void anAddressReleasedLosesItsEntryAndItsRemainingAnnouncements() {
        neighbours.served(OURS);
        neighbours.served(TAKEN_OVER);

        neighbours.released(TAKEN_OVER); // its unit given up: another member answers now

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(entries.table).containsExactly(OURS);
        assertThat(announced).containsExactly(OURS, TAKEN_OVER, OURS, OURS);
        assertThat(neighbours.proxied()).containsExactly(OURS);
        assertThat(counters.get("inside.arp.proxy_removed")).isEqualTo(1);
    }

    @Test
    void anAddressTheKernelRefusedIsNeitherAnnouncedNorRemovedLater() {
        entries.refusing.add(OURS);

        neighbours.served(OURS);
        neighbours.released(OURS);

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(entries.changes).containsExactly("add 10.101.0.5");
        assertThat(announced).isEmpty();
        assertThat(counters.get("inside.arp.proxy_refused")).isEqualTo(1);
    }

    @Test
    void releasingAnAddressNeverServedChangesNothing() {
        neighbours.released(OURS);

        assertThat(entries.changes).isEmpty();
        assertThat(counters.get("inside.arp.proxy_removed")).isZero();
    }

    @Test
    void entriesAnEarlierProcessLeftAreRemovedAtStart() {
        entries.table.add(STALE);
        entries.table.add(OURS);

        assertThat(neighbours.removeStale()).isEqualTo(2);

        assertThat(entries.table).isEmpty();
        assertThat(neighbours.proxied()).isEmpty();
        assertThat(counters.get("inside.arp.stale_removed")).isEqualTo(2);
    }
}
