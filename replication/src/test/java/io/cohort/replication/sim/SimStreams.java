package io.cohort.replication.sim;

import io.cohort.cluster.member.MemberId;
import io.cohort.replication.sim.SimConnection.Segment;
import io.cohort.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The members' TCP connections on the shared virtual clock, over the same partitions as the
 * cluster's datagrams: reliable and ordered while the ends reach each other, stalled (not lost)
 * across a partition or a stopped process, broken by a reset or by the ends giving up. Latencies
 * are drawn from one seeded source.
 */
final class SimStreams {
    /** Who can reach whom, and the processes' states, as the cluster simulation has them now. */
    interface Hosts {
        boolean reachable(MemberId a, MemberId b);

        boolean paused(MemberId member);

        /** The member's running replication, null while its process is dead. */
        SimReplication listener(MemberId member);
    }

    /** How often a connection attempt that got no answer yet looks again (SYN retransmissions). */
    private static final Duration SYN_RETRY = Duration.ofMillis(20);

    private final VirtualScheduler clock;
    private final SplittableRandom random;
    private final Hosts hosts;
    private final List<SimConnection> open = new ArrayList<>();

    SimStreams(VirtualScheduler clock, long seed, Hosts hosts) {
        this.clock = clock;
        this.random = new SplittableRandom(seed);
        this.hosts = hosts;
    }

    /** A one-way delay on the cluster LAN: 0.1 to 1 ms. */
    Duration latency() {
        return Duration.ofNanos(100_000 + random.nextLong(900_000));
    }

    /**
     * {@code link} (on {@code loop}) opens a connection to {@code to}: established once the two reach
     * each other and {@code to}'s process runs to complete the TLS handshake; refused at once if
     * nothing listens there; given up after {@code timeout}. The outcome runs on {@code loop}.
     */
    void connect(MemberId from, MemberId to, MemberLoop loop, Duration timeout, Consumer<SimConnection> established,
                 Runnable failed) {
        long deadline = clock.nanos() + timeout.toNanos();
        clock.schedule(latency().multipliedBy(2), () -> attempt(from, to, loop, deadline, established, failed));
    }

    private void attempt(MemberId from, MemberId to, MemberLoop loop, long deadline,
                         Consumer<SimConnection> established, Runnable failed) {
        if (loop.dead()) {
            return;
        }
        if (hosts.reachable(from, to)) {
            SimReplication target = hosts.listener(to);
            if (target == null) {
                loop.execute(failed); // connection refused
                return;
            }
            if (!hosts.paused(to)) {
                SimConnection connection = open(from, to, target);
                target.accepted(connection);
                loop.execute(() -> established.accept(connection));
                return;
            }
        }
        if (clock.nanos() >= deadline) {
            loop.execute(failed);
        } else {
            clock.schedule(SYN_RETRY, () -> attempt(from, to, loop, deadline, established, failed));
        }
    }

    private SimConnection open(MemberId from, MemberId to, SimReplication target) {
        SimConnection connection = new SimConnection(from, to);
        StreamPipe<Segment> towardsAcceptor = new StreamPipe<>(clock,
                () -> hosts.reachable(from, to) && !hosts.paused(to) && hostUp(connection, to), s -> {
                    if (to.equals(connection.deadSide())) {
                        connection.answerFromRestartedHost(latency());
                    } else {
                        target.segment(connection, s);
                    }
                });
        StreamPipe<Segment> towardsOpener = new StreamPipe<>(clock,
                () -> hosts.reachable(from, to) && !hosts.paused(from) && hostUp(connection, from), s -> {
                    SimReplication opener = hosts.listener(from);
                    if (from.equals(connection.deadSide())) {
                        connection.answerFromRestartedHost(latency());
                    } else if (opener != null) {
                        opener.segmentFromAcceptor(connection, s);
                    }
                });
        connection.pipes(towardsAcceptor, towardsOpener);
        open.add(connection);
        return connection;
    }

    /** Whether {@code member}'s host takes segments: up, unless it went down with {@code connection} open and is still down. */
    private boolean hostUp(SimConnection connection, MemberId member) {
        return !member.equals(connection.deadSide()) || hosts.listener(member) != null;
    }

    /** {@code member}'s process died: each of its connections is reset ({@code reset}) or just goes silent. */
    void died(MemberId member, boolean reset) {
        for (SimConnection c : List.copyOf(open)) {
            if (c.involves(member)) {
                c.died(member, reset, latency()); // kept: its reset may wait for a stopped process
            }
        }
    }

    /** Partitions healed or a process resumed: whatever waited moves on. */
    void kickAll() {
        open.forEach(SimConnection::kick);
    }
}
