package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the failover system tests share: the built-in clients' sessions, each pinging through its
 * tunnel every 100 ms, and the check that an event done to the cluster loses none of them.
 *
 * @param test the test's name, first on every line printed
 * @param mode the steering mode, second
 * @param l2tp the L2TP sessions the clients hold
 * @param pptp the PPTP calls
 */
record SessionLossCheck(String test, String mode, int l2tp, int pptp) {
    static final Duration READY = Duration.ofSeconds(90);
    static final Duration REASSIGNED = Duration.ofSeconds(15);
    static final Duration REPLICATED = Duration.ofSeconds(10);
    static final Duration WATCH_INTERVAL = Duration.ofMillis(100);
    /** After the units are where they go, how long the sessions get to answer before the gaps are read. */
    static final Duration SETTLE = Duration.ofSeconds(4);

    /** Something done to the cluster, checked for lost sessions. */
    @FunctionalInterface
    interface Event {
        void happen() throws InterruptedException;

        Event NOTHING = () -> { };
    }

    /** Starts the clients (pinging {@code target} if given, else each its gateway) and waits until every session answers. */
    ClientProcess startClients(LocalCluster cluster, Optional<String> target) throws InterruptedException {
        ClientProcess.Load load = new ClientProcess.Load(l2tp, pptp, 1, List.of(), 0, WATCH_INTERVAL);
        ClientProcess clients = cluster.startClients(target.map(load::pinging).orElse(load),
                line -> System.out.println("  " + line));
        ClientProcess.ClientReport ready = clients.awaitReady(READY);
        assertThat(ready.l2tpAnswering()).as(clients.output()).isEqualTo(l2tp);
        assertThat(ready.pptpAnswering()).as(clients.output()).isEqualTo(pptp);
        return clients;
    }

    /**
     * Makes {@code event} happen, waits until {@code members} members own every unit and
     * {@code reached} holds, gives the sessions {@link #SETTLE} to answer, prints the gaps since the
     * clients' last watch (and {@code more}) and checks that every session carries on, on the
     * members there are then. Returns the cluster as it is then.
     */
    ClusterSnapshot check(LocalCluster cluster, ClientProcess clients, String what, int members,
                          Predicate<ClusterSnapshot> reached, Event event, Supplier<String> more)
            throws InterruptedException {
        event.happen();
        LocalClusters.await(what + ", every unit owned by " + members + " members", cluster::snapshot,
                s -> s.names().size() == members && s.names().stream().mapToInt(s::units).sum() == 1024
                        && reached.test(s), REASSIGNED);
        Thread.sleep(SETTLE);
        ClientProcess.WatchReport gaps = clients.watch(Duration.ofSeconds(5));
        ClusterSnapshot settled = cluster.snapshot();
        System.out.printf("%s %s: %s; %d of %d silent; traffic gap median %d ms, p99 %d ms, max %d ms%n%s%s", test,
                mode, what, gaps.silent(), gaps.sessions(), gaps.medianGap().toMillis(), gaps.p99Gap().toMillis(),
                gaps.maxGap().toMillis(), more.get(), settled.render());
        assertThat(gaps.silent()).as(what + ": sessions that stopped answering\n" + clients.output()).isZero();
        assertThat(settled.sessionsUp("l2tp")).as(what + "\n" + settled.render()).isEqualTo(l2tp);
        assertThat(settled.sessionsUp("pptp")).as(what + "\n" + settled.render()).isEqualTo(pptp);
        return settled;
    }

    /** As {@link #check(LocalCluster, ClientProcess, String, int, Predicate, Event, Supplier)}, the gaps counted from the event on. */
    ClusterSnapshot checkFromNow(LocalCluster cluster, ClientProcess clients, String what, int members,
                                 Predicate<ClusterSnapshot> reached, Event event, Supplier<String> more)
            throws InterruptedException {
        clients.watch(Duration.ofSeconds(5));
        return check(cluster, clients, what, members, reached, event, more);
    }
}
