package io.cohort.systemtests;

import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.lab.localcluster.MemberProcess;
import io.cohort.server.control.api.ClusterDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples, during an event, what every running member says of its own units (its
 * {@code cluster --json} through its control socket) and judges afterwards whether any unit had
 * two owners at one instant ({@link OwnershipTimeline}), twice: by the units each member
 * <em>serves</em> (owned and not fenced: what its protocols accept packets for, patent figure 7)
 * and by the units its view of the cluster gives itself (which a fenced member still lists until
 * a master tells it otherwise, so two views may claim a unit that only one member serves).
 *
 * <p>The samples of one round are requested together, every {@link #INTERVAL} on one clock, each
 * member on a thread of its own, so that a member that does not answer (paused, dying) holds up
 * only its own samples; each sample is stamped with the times its request went out and its answer
 * came back, which is all {@link OwnershipTimeline} relies on: the skew between the members of a
 * round is measured (printed) but not assumed small.
 */
final class OwnershipAudit implements AutoCloseable {
    /** How often every member is asked. */
    static final Duration INTERVAL = Duration.ofMillis(100);

    private final LocalCluster cluster;
    private final List<OwnershipTimeline.Sample> servedSamples = new ArrayList<>();
    private final List<OwnershipTimeline.Sample> viewSamples = new ArrayList<>();
    private final List<List<Long>> rounds = new ArrayList<>();
    private final Set<Long> asking = ConcurrentHashMap.newKeySet();
    private final List<Thread> requests = new ArrayList<>();
    private final Thread rounder;
    private volatile boolean stopped;

    private OwnershipAudit(LocalCluster cluster) {
        this.cluster = cluster;
        this.rounder = Thread.ofPlatform().daemon().name("ownership-audit").unstarted(this::roundsUntilStopped);
    }

    /** Starts sampling {@code cluster}'s members. */
    static OwnershipAudit start(LocalCluster cluster) {
        OwnershipAudit audit = new OwnershipAudit(cluster);
        audit.rounder.start();
        return audit;
    }

    private void roundsUntilStopped() {
        long next = System.nanoTime();
        while (!stopped) {
            List<Long> round = new ArrayList<>();
            synchronized (servedSamples) {
                rounds.add(round);
            }
            for (MemberProcess member : cluster.members()) {
                if (asking.add(member.pid())) { // the previous request to it is still out: skip it this round
                    requests.add(Thread.ofVirtual().name("ownership-audit-" + member.name())
                            .start(() -> sample(member, round)));
                }
            }
            next += INTERVAL.toNanos();
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private void sample(MemberProcess member, List<Long> round) {
        try {
            long start = System.nanoTime();
            Optional<ClusterDocument> view = member.cluster();
            long end = System.nanoTime();
            Optional<ClusterDocument> clustered = view.filter(ClusterDocument::clustered);
            synchronized (servedSamples) {
                round.add(start);
                servedSamples.add(new OwnershipTimeline.Sample(member.name(), member.pid(), start, end,
                        clustered.map(ClusterDocument::servedUnits)));
                viewSamples.add(new OwnershipTimeline.Sample(member.name(), member.pid(), start, end,
                        clustered.map(v -> v.unitsOf(v.self()))));
            }
        } finally {
            asking.remove(member.pid());
        }
    }

    /**
     * What was judged.
     *
     * @param served by the units each member served
     * @param views by the units each member's view gave itself
     */
    record Verdict(OwnershipTimeline.Report served, OwnershipTimeline.Report views) {
    }

    /** Stops sampling (the requests still out are awaited) and judges what was sampled. */
    Verdict stop() throws InterruptedException {
        stopped = true;
        rounder.join();
        for (Thread request : requests) { // only the rounder added to it, and it has ended
            request.join();
        }
        synchronized (servedSamples) {
            List<List<Long>> requestTimes = rounds.stream().map(List::copyOf).toList();
            return new Verdict(OwnershipTimeline.judge(List.copyOf(servedSamples), requestTimes),
                    OwnershipTimeline.judge(List.copyOf(viewSamples), requestTimes));
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!stopped) {
            stop();
        }
    }
}
