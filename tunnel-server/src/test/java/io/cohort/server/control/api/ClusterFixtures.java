package io.cohort.server.control.api;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterView;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.unit.WorkUnit;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** A two-member cluster as its master sees it. */
public final class ClusterFixtures {
    private static final MemberId A = MemberId.of("a");
    private static final MemberId B = MemberId.of("b");

    private ClusterFixtures() {
    }

    /** a owns 0-12, b owns 40, 42 and 43; the master's loss estimate for b is 1.25 %. */
    public static ClusterView view() throws UnknownHostException {
        return view(new TreeSet<>());
    }

    /** {@link #view()} with {@code b} being drained ({@code cohort drain}), as the master sees it. */
    public static ClusterView viewWithBDraining() throws UnknownHostException {
        return view(new TreeSet<>(List.of(B)));
    }

    private static ClusterView view(TreeSet<MemberId> draining) throws UnknownHostException {
        SortedMap<WorkUnit, MemberId> units = new TreeMap<>();
        for (int u = 0; u <= 12; u++) {
            units.put(WorkUnit.of(u), A);
        }
        units.put(WorkUnit.of(40), B);
        units.put(WorkUnit.of(42), B);
        units.put(WorkUnit.of(43), B);
        return new ClusterView(A, Role.MASTER, Optional.of(A),
                List.of(new MemberEntry(A, new MemberAddress(InetAddress.getByName("10.0.0.1"), 7400)),
                        new MemberEntry(B, new MemberAddress(InetAddress.getByName("10.0.0.2"), 7400))),
                6, Duration.ofNanos(28_571_428), Map.of(B, 0.0125), units,
                new TreeSet<>(units.headMap(WorkUnit.of(13)).keySet()), 3, draining);
    }

}
