package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.steering.SteeringMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stateful failover on real processes (patent, figure 7): a three-member {@link LocalCluster}
 * carries L2TP sessions and PPTP calls of the built-in clients, each pinging through its tunnel
 * every 100 ms;
 * the member that serves the most of them is killed with SIGKILL; it restarts and rejoins; the
 * member then serving the most is stopped with SIGTERM; the master is killed. Each time the units
 * of the member gone go to the others, which rebuild its sessions from the state it replicated
 * (a stopped member first hands its sessions over): no session goes silent, none is set up again
 * (the clients never reconnect by themselves), and the traffic gaps are printed. Two more runs
 * pause the master, then the busiest member, for 3 s (SIGSTOP, SIGCONT), as a long GC pause would:
 * a paused member's units go to the others after its lease, never back to it when it comes back.
 */
class MemberFailoverIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration REASSIGNED = Duration.ofSeconds(15);
    private static final Duration REPLICATED = Duration.ofSeconds(10);
    private static final Duration PAUSE = Duration.ofSeconds(3);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(100);
    /** After the units are owned again, how long the sessions get to answer before the gaps are read. */
    private static final Duration SETTLE = Duration.ofSeconds(4);
    private static final int L2TP_SESSIONS = Integer.getInteger("cohort.it.failover.l2tp", 12);
    private static final int PPTP_SESSIONS = Integer.getInteger("cohort.it.failover.pptp", 12);

    /** {@code unicast}, or the modes of {@code -Dcohort.it.steering=...}. */
    static List<String> modes() {
        return LocalClusters.chosenModes(SteeringMode.UNICAST.configName());
    }

    @BeforeEach
    void preconditions() {
        LocalClusters.assumeRunnable();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void noSessionIsLostToAMembersDeathItsRejoinAStopOrTheMastersDeath(String mode) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode))) {
            cluster.awaitFormed();
            ClientProcess clients = cluster.startClients(
                    new ClientProcess.Load(L2TP_SESSIONS, PPTP_SESSIONS, 1, List.of(), 0, WATCH_INTERVAL),
                    line -> System.out.println("  " + line));
            ClientProcess.ClientReport ready = clients.awaitReady(READY);
            assertThat(ready.l2tpAnswering()).as(clients.output()).isEqualTo(L2TP_SESSIONS);
            assertThat(ready.pptpAnswering()).as(clients.output()).isEqualTo(PPTP_SESSIONS);
            ClusterSnapshot before = cluster.snapshot();
            String master = before.formedMaster().orElseThrow();
            String victim = LocalClusters.busiestNonMaster(before);
            System.out.printf("MemberFailoverIT %s: before the kills (%s serves %d sessions)%n%s", mode, victim,
                    LocalClusters.sessionsUp(before, victim), before.render());
            assertThat(LocalClusters.sessionsUp(before, victim)).as(before.render()).isPositive();
            LocalClusters.awaitReplicated(cluster, victim, 2, REPLICATED);

            check(cluster, clients, mode, victim + " killed", victim, 2, () -> cluster.killMember(victim));

            // It restarts and rejoins: units move to it, none of the sessions may suffer.
            check(cluster, clients, mode, victim + " restarted", null, 3, () -> {
                cluster.startMember(victim);
                LocalClusters.await(victim + " owning units again", cluster::snapshot,
                        s -> s.names().contains(victim) && s.units(victim) > 0, REASSIGNED);
            });

            // A member stopped on purpose (SIGTERM) hands its sessions over before it leaves.
            ClusterSnapshot rejoined = cluster.snapshot();
            String stopped = LocalClusters.busiestNonMaster(rejoined);
            LocalClusters.awaitReplicated(cluster, stopped, 2, REPLICATED);
            check(cluster, clients, mode, stopped + " stopped", stopped, 2, () -> cluster.removeMember(stopped));

            // Then the master is killed: the last member left carries every session.
            LocalClusters.awaitReplicated(cluster, master, 1, REPLICATED);
            check(cluster, clients, mode, master + " killed", master, 1, () -> cluster.killMember(master));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void noSessionIsLostToTheMasterPausedForThreeSeconds(String mode) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode))) {
            cluster.awaitFormed();
            ClientProcess clients = cluster.startClients(
                    new ClientProcess.Load(L2TP_SESSIONS, PPTP_SESSIONS, 1, List.of(), 0, WATCH_INTERVAL),
                    line -> System.out.println("  " + line));
            ClientProcess.ClientReport ready = clients.awaitReady(READY);
            assertThat(ready.l2tpAnswering() + ready.pptpAnswering()).as(clients.output())
                    .isEqualTo(L2TP_SESSIONS + PPTP_SESSIONS);
            ClusterSnapshot before = cluster.snapshot();
            String master = before.formedMaster().orElseThrow();
            // As a long GC pause would: another member takes over as master; the sessions carry on.
            LocalClusters.awaitReplicated(cluster, master, 2, REPLICATED);
            check(cluster, clients, mode, master + " paused 3 s", null, 3, () -> pause(cluster, master));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void noSessionIsLostToAMemberPausedForThreeSeconds(String mode) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode))) {
            cluster.awaitFormed();
            ClientProcess clients = cluster.startClients(
                    new ClientProcess.Load(L2TP_SESSIONS, PPTP_SESSIONS, 1, List.of(), 0, WATCH_INTERVAL),
                    line -> System.out.println("  " + line));
            ClientProcess.ClientReport ready = clients.awaitReady(READY);
            assertThat(ready.l2tpAnswering() + ready.pptpAnswering()).as(clients.output())
                    .isEqualTo(L2TP_SESSIONS + PPTP_SESSIONS);
            String paused = LocalClusters.busiestNonMaster(cluster.snapshot());
            LocalClusters.awaitReplicated(cluster, paused, 2, REPLICATED);
            check(cluster, clients, mode, paused + " paused 3 s", null, 3, () -> pause(cluster, paused));
        }
    }

    /** SIGSTOP, 3 s, SIGCONT. */
    private static void pause(LocalCluster cluster, String name) throws InterruptedException {
        long pid = cluster.members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().pid();
        signal("STOP", pid);
        Thread.sleep(PAUSE);
        signal("CONT", pid);
    }

    private static void signal(String signal, long pid) throws InterruptedException {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
            assertThat(exit).as("kill -" + signal + " " + pid).isZero();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot run kill: " + e.getMessage(), e);
        }
    }

    /** Something done to the cluster, checked for lost sessions. */
    @FunctionalInterface
    private interface Event {
        void happen() throws InterruptedException;
    }

    /**
     * Makes {@code event} happen, waits until the {@code members} members left own every unit and the
     * sessions had {@link #SETTLE} to answer, prints the gaps and checks that every session carries
     * on, on the members left ({@code gone}, if any, is not among them).
     */
    private static void check(LocalCluster cluster, ClientProcess clients, String mode, String what, String gone,
                              int members, Event event) throws InterruptedException {
        String on = gone == null ? "" : " (" + LocalClusters.sessionsUp(cluster.snapshot(), gone) + " sessions on it)";
        clients.watch(Duration.ofSeconds(5));
        event.happen();
        ClusterSnapshot after = LocalClusters.await("every unit owned by " + members + " members", cluster::snapshot,
                s -> s.names().size() == members && s.names().stream().mapToInt(s::units).sum() == 1024, REASSIGNED);
        Thread.sleep(SETTLE);
        ClientProcess.WatchReport gaps = clients.watch(Duration.ofSeconds(5));
        ClusterSnapshot settled = cluster.snapshot();
        System.out.printf("MemberFailoverIT %s: %s%s; %d of %d silent; traffic gap median %d ms,"
                        + " p99 %d ms, max %d ms%n%s", mode, what, on, gaps.silent(), gaps.sessions(),
                gaps.medianGap().toMillis(), gaps.p99Gap().toMillis(), gaps.maxGap().toMillis(), settled.render());
        assertThat(gaps.silent()).as(what + ": sessions that stopped answering\n" + clients.output()).isZero();
        assertThat(settled.sessionsUp("l2tp")).as(what + "\n" + settled.render()).isEqualTo(L2TP_SESSIONS);
        assertThat(settled.sessionsUp("pptp")).as(what + "\n" + settled.render()).isEqualTo(PPTP_SESSIONS);
        if (gone != null) {
            assertThat(after.names()).doesNotContain(gone);
        }
    }

}
