package io.cohort.benchmarks.live;

import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.MemberProcess;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.ControlJson;
import io.cohort.server.control.api.StatusDocument;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Waits until the running members of a {@link LocalCluster} agree, and keep agreeing: one master,
 * every member listing exactly the running members, all 1024 units assigned in every member's view
 * ({@link ClusterSnapshot#formedMaster()}, read from {@code cluster --json} on every control socket
 * every {@code poll}). An agreement counts once it has held for {@code stable}; one that breaks
 * sooner is a flap, printed with each member's view and assignment counters, and the wait goes on.
 */
final class ClusterAgreement {
    private static final int LOG_TAIL = 40;
    private static final List<String> ASSIGNMENT_COUNTERS = List.of("cluster.assign.", "cluster.member.", "cluster.master.");

    private final LocalCluster cluster;
    private final Duration poll;
    private final Duration stable;
    private final Duration timeout;

    ClusterAgreement(LocalCluster cluster, Duration poll, Duration stable, Duration timeout) {
        this.cluster = cluster;
        this.poll = poll;
        this.stable = stable;
        this.timeout = timeout;
    }

    /** An agreement that held for {@code stable}: its master, when it began, and how many earlier ones broke. */
    record Stable(String master, long agreedNanos, int flaps) {
    }

    /**
     * Waits until the running members ({@code names}) agree and keep agreeing, on the same master,
     * for {@code stable}; an agreement that breaks sooner counts as a flap and the wait goes on.
     */
    Stable awaitStable(List<String> names) throws InterruptedException {
        int flaps = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String master = awaitAgreement(names);
            long agreed = System.nanoTime();
            boolean held = true;
            while (System.nanoTime() - agreed < stable.toNanos()) {
                Thread.sleep(poll);
                if (!cluster.views().formedMaster().equals(Optional.of(master))) {
                    held = false;
                    break;
                }
            }
            if (held) {
                return new Stable(master, agreed, flaps);
            }
            flaps++;
            System.out.printf(Locale.ROOT, "(agreement on master %s among %s broke within %d ms: %s)%n", master, names,
                    stable.toMillis(), flapDetail());
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no stable agreement among " + names + " within " + timeout.toSeconds() + " s");
            }
        }
    }

    /** Polls until the running members ({@code names}) are one cluster; returns the master's name. */
    private String awaitAgreement(List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ClusterSnapshot views = cluster.views();
            Optional<String> master = views.formedMaster();
            if (master.isPresent()) {
                return master.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no agreement among " + names + " within " + timeout.toSeconds()
                        + " s; last views:\n" + views.render() + diagnostics());
            }
            for (MemberProcess m : cluster.members()) {
                if (!m.isAlive()) {
                    throw new IllegalStateException("member " + m.name() + " is not running; log:\n" + m.logTail(LOG_TAIL));
                }
            }
            Thread.sleep(poll);
        }
    }

    /** What each member showed when an agreement broke: role, master, units assigned, members; the assignment counters. */
    private String flapDetail() {
        StringBuilder out = new StringBuilder();
        for (ClusterSnapshot.Member m : cluster.snapshot().members()) {
            Optional<ClusterDocument> view = m.view();
            out.append(m.name()).append(' ').append(view.map(ClusterDocument::role).orElse("?"))
                    .append(" of ").append(view.flatMap(ClusterDocument::master).orElse(null))
                    .append(", units ").append(view.map(v -> Integer.toString(v.unitsAssigned())).orElse(""))
                    .append(", members ").append(view.map(v -> v.memberNames().stream().sorted().toList()).orElse(List.of()))
                    .append(" [").append(m.status().map(ClusterAgreement::assignmentCounters).orElse("no status"))
                    .append("]; ");
        }
        return out.toString();
    }

    /** The member's non-zero election and assignment counters, without their {@code cluster.} prefix. */
    private static String assignmentCounters(StatusDocument status) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> c : status.counters().entrySet()) {
            if (c.getValue() != 0 && ASSIGNMENT_COUNTERS.stream().anyMatch(c.getKey()::startsWith)) {
                out.append(c.getKey().substring("cluster.".length())).append('=').append(c.getValue()).append(' ');
            }
        }
        return out.toString();
    }

    /** Every member's view and its cluster counters, for a failure message. */
    private String diagnostics() {
        StringBuilder out = new StringBuilder();
        for (ClusterSnapshot.Member m : cluster.snapshot().members()) {
            out.append(m.name()).append(" view: ").append(m.view().map(ControlJson::write).orElse("(no answer)")).append('\n');
            out.append(m.name()).append(" counters:").append(m.status().map(s -> s.counters().entrySet().stream()
                    .filter(c -> c.getKey().startsWith("cluster."))
                    .map(c -> " " + c.getKey() + "=" + c.getValue()).collect(Collectors.joining()))
                    .orElse(" (no status)")).append('\n');
        }
        return out.toString();
    }
}
