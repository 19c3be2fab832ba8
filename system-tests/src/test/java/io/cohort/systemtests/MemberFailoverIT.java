package io.cohort.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.lab.localcluster.ClientProcess;
import io.cohort.lab.localcluster.ClusterSnapshot;
import io.cohort.lab.localcluster.LocalCluster;
import io.cohort.steering.SteeringMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    private static final Duration PAUSE = Duration.ofSeconds(3);
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
        SessionLossCheck sessions = in(mode);
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode))) {
            cluster.awaitFormed();
            ClientProcess clients = sessions.startClients(cluster, Optional.empty());
            ClusterSnapshot before = cluster.snapshot();
            String master = before.formedMaster().orElseThrow();
            String victim = LocalClusters.busiestNonMaster(before);
            System.out.printf("MemberFailoverIT %s: before the kills (%s serves %d sessions)%n%s", mode, victim,
                    LocalClusters.sessionsUp(before, victim), before.render());
            assertThat(LocalClusters.sessionsUp(before, victim)).as(before.render()).isPositive();
            LocalClusters.awaitReplicated(cluster, victim, 2, SessionLossCheck.REPLICATED);

            gone(sessions, cluster, clients, victim + " killed", victim, 2, () -> cluster.killMember(victim));

            // It restarts and rejoins: units move to it, none of the sessions may suffer.
            sessions.checkFromNow(cluster, clients, victim + " restarted", 3, s -> true, () -> {
                cluster.startMember(victim);
                LocalClusters.await(victim + " owning units again", cluster::snapshot,
                        s -> s.names().contains(victim) && s.units(victim) > 0, SessionLossCheck.REASSIGNED);
            }, () -> "");

            // A member stopped on purpose (SIGTERM) hands its sessions over before it leaves.
            String stopped = LocalClusters.busiestNonMaster(cluster.snapshot());
            LocalClusters.awaitReplicated(cluster, stopped, 2, SessionLossCheck.REPLICATED);
            gone(sessions, cluster, clients, stopped + " stopped", stopped, 2, () -> cluster.removeMember(stopped));

            // Then the master is killed: the last member left carries every session.
            LocalClusters.awaitReplicated(cluster, master, 1, SessionLossCheck.REPLICATED);
            gone(sessions, cluster, clients, master + " killed", master, 1, () -> cluster.killMember(master));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void noSessionIsLostToTheMasterPausedForThreeSeconds(String mode) throws Exception {
        SessionLossCheck sessions = in(mode);
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode))) {
            cluster.awaitFormed();
            ClientProcess clients = sessions.startClients(cluster, Optional.empty());
            String master = cluster.snapshot().formedMaster().orElseThrow();
            // As a long GC pause would: another member takes over as master; the sessions carry on.
            LocalClusters.awaitReplicated(cluster, master, 2, SessionLossCheck.REPLICATED);
            sessions.checkFromNow(cluster, clients, master + " paused 3 s", 3, s -> true, () -> pause(cluster, master),
                    () -> "");
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void noSessionIsLostToAMemberPausedForThreeSeconds(String mode) throws Exception {
        SessionLossCheck sessions = in(mode);
        try (LocalCluster cluster = LocalCluster.start(LocalClusters.settings(3, mode))) {
            cluster.awaitFormed();
            ClientProcess clients = sessions.startClients(cluster, Optional.empty());
            String paused = LocalClusters.busiestNonMaster(cluster.snapshot());
            LocalClusters.awaitReplicated(cluster, paused, 2, SessionLossCheck.REPLICATED);
            sessions.checkFromNow(cluster, clients, paused + " paused 3 s", 3, s -> true, () -> pause(cluster, paused),
                    () -> "");
        }
    }

    private static SessionLossCheck in(String mode) {
        return new SessionLossCheck("MemberFailoverIT", mode, L2TP_SESSIONS, PPTP_SESSIONS);
    }

    /** {@code event} takes {@code gone} out of the cluster: {@code members} members carry on without it. */
    private static void gone(SessionLossCheck sessions, LocalCluster cluster, ClientProcess clients, String what,
                             String gone, int members, SessionLossCheck.Event event) throws InterruptedException {
        long on = LocalClusters.sessionsUp(cluster.snapshot(), gone);
        sessions.checkFromNow(cluster, clients, what + " (" + on + " sessions on it)", members,
                s -> !s.names().contains(gone), event, () -> "");
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
}
