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
 * tunnel every 100 ms, and the check that an event done to the cluster loses none of them and
 * makes none set up again (patent, figure 7: the users notice nothing). Each event is checked
 * four ways: no session goes silent (the clients' watch, whose traffic gaps are printed); no client
 * sends a packet that starts a set-up (a {@link ClientCapture} of the clients' link: no SCCRQ, no
 * SYN to 1723, no LCP Configure-Request); every session keeps the address it was given
 * ({@link SessionAddresses} from the members' statuses, against those right after set-up); and
 * no unit is served by two members at any instant ({@link OwnershipAudit} of what each member
 * says it serves; what the members' views give themselves is judged and printed too).
 */
final class SessionLossCheck {
    static final Duration READY = Duration.ofSeconds(90);
    static final Duration REASSIGNED = Duration.ofSeconds(15);
    static final Duration REPLICATED = Duration.ofSeconds(10);
    static final Duration WATCH_INTERVAL = Duration.ofMillis(100);
    /** After the units are where they go, how long the sessions get to answer before the gaps are read. */
    static final Duration SETTLE = Duration.ofSeconds(4);
    private static final int DOUBLE_OWNERS_SHOWN = 10;

    /** Something done to the cluster, checked for lost sessions. */
    @FunctionalInterface
    interface Event {
        void happen() throws InterruptedException;

        Event NOTHING = () -> { };
    }

    private final String test;
    private final String mode;
    private final int l2tp;
    private final int pptp;
    /** Every session's address once the clients were ready. */
    private SessionAddresses initial;

    /**
     * @param test the test's name, first on every line printed
     * @param mode the steering mode, second
     * @param l2tp the L2TP sessions the clients hold
     * @param pptp the PPTP calls
     */
    SessionLossCheck(String test, String mode, int l2tp, int pptp) {
        this.test = test;
        this.mode = mode;
        this.l2tp = l2tp;
        this.pptp = pptp;
    }

    /**
     * Starts the clients (pinging {@code target} if given, else each its gateway), waits until
     * every session answers and notes every session's address. The set-up is captured too: it must
     * show the packets the events may not (each client's SCCRQ, SYN and LCP Configure-Request), or
     * the capture would not see what it is meant to.
     */
    ClientProcess startClients(LocalCluster cluster, Optional<String> target) throws InterruptedException {
        ClientProcess.Load load = new ClientProcess.Load(l2tp, pptp, 1, List.of(), 0, WATCH_INTERVAL);
        ClientProcess clients;
        SetUpPackets setUp;
        try (ClientCapture capture = ClientCapture.start(cluster, test + "-" + mode + "-set-up")) {
            clients = cluster.startClients(target.map(load::pinging).orElse(load), line -> System.out.println("  " + line));
            ClientProcess.ClientReport ready = clients.awaitReady(READY);
            assertThat(ready.l2tpAnswering()).as(clients.output()).isEqualTo(l2tp);
            assertThat(ready.pptpAnswering()).as(clients.output()).isEqualTo(pptp);
            setUp = capture.stop();
        }
        System.out.printf("%s %s: set-up %s%n", test, mode, setUp);
        assertThat(setUp.sccrq()).as("one SCCRQ per L2TP tunnel in the set-up: " + setUp).isGreaterThanOrEqualTo(l2tp);
        assertThat(setUp.pptpSyn()).as("one SYN per PPTP control connection in the set-up: " + setUp)
                .isGreaterThanOrEqualTo(pptp);
        assertThat(setUp.lcpConfigureRequests()).as("an LCP Configure-Request per session in the set-up: " + setUp)
                .isGreaterThanOrEqualTo(l2tp + pptp);
        ClusterSnapshot now = cluster.snapshot();
        initial = SessionAddresses.of(now);
        assertThat(initial.conflicts()).as("sessions listed twice after set-up\n" + now.render()).isEmpty();
        assertThat(initial.addresses()).as("sessions with an address after set-up\n" + now.render()).hasSize(l2tp + pptp);
        return clients;
    }

    /**
     * Makes {@code event} happen, waits until {@code members} members own every unit and
     * {@code reached} holds, gives the sessions {@link #SETTLE} to answer, prints the gaps since the
     * clients' last watch, what the capture and the ownership audit saw (and {@code more}), and
     * checks that every session carries on, on the members there are then, with no set-up, its
     * address and no unit owned twice meanwhile. Returns the cluster as it is then.
     */
    ClusterSnapshot check(LocalCluster cluster, ClientProcess clients, String what, int members,
                          Predicate<ClusterSnapshot> reached, Event event, Supplier<String> more)
            throws InterruptedException {
        ClientProcess.WatchReport gaps;
        SetUpPackets setUp;
        OwnershipAudit.Verdict owners;
        try (ClientCapture capture = ClientCapture.start(cluster, test + "-" + mode + "-" + what);
             OwnershipAudit audit = OwnershipAudit.start(cluster)) {
            event.happen();
            LocalClusters.await(what + ", every unit owned by " + members + " members", cluster::snapshot,
                    s -> s.names().size() == members && s.names().stream().mapToInt(s::units).sum() == 1024
                            && reached.test(s), REASSIGNED);
            Thread.sleep(SETTLE);
            gaps = clients.watch(Duration.ofSeconds(5));
            owners = audit.stop();
            setUp = capture.stop();
        }
        ClusterSnapshot settled = cluster.snapshot();
        SessionAddresses addresses = SessionAddresses.of(settled);
        List<String> changed = addresses.changedSince(initial);
        System.out.printf("%s %s: %s; %d of %d silent; traffic gap median %d ms, p99 %d ms, max %d ms%n", test, mode,
                what, gaps.silent(), gaps.sessions(), gaps.medianGap().toMillis(), gaps.p99Gap().toMillis(),
                gaps.maxGap().toMillis());
        System.out.printf("%s %s: %s; %s%n", test, mode, what, setUp);
        printAudit(what, "served units", owners.served());
        printAudit(what, "members' views", owners.views());
        System.out.printf("%s %s: %s; %d sessions with an address, %d changed since set-up%n%s%s", test, mode, what,
                addresses.addresses().size(), changed.size(), more.get(), settled.render());
        assertThat(gaps.silent()).as(what + ": sessions that stopped answering\n" + clients.output()).isZero();
        assertThat(settled.sessionsUp("l2tp")).as(what + "\n" + settled.render()).isEqualTo(l2tp);
        assertThat(settled.sessionsUp("pptp")).as(what + "\n" + settled.render()).isEqualTo(pptp);
        assertThat(setUp.clientPackets()).as(what + ": the capture saw the clients' traffic").isPositive();
        assertThat(setUp.kernelDrops()).as(what + ": the capture missed nothing").isZero();
        assertThat(setUp.noSetUp()).as(what + ": no client set up again: " + setUp).isTrue();
        assertThat(owners.served().doubleOwners()).as(what + ": units served by two members at once\n"
                + owners.served().describe(DOUBLE_OWNERS_SHOWN)).isEmpty();
        assertThat(addresses.conflicts()).as(what + ": sessions listed twice").isEmpty();
        assertThat(changed).as(what + ": sessions whose address changed").isEmpty();
        return settled;
    }

    private void printAudit(String what, String by, OwnershipTimeline.Report report) {
        System.out.printf("%s %s: %s; ownership audit by %s: %d samples (%d unanswered), round skew up to %d ms, "
                        + "%d double owners, %d claims in overlapping windows proving nothing%n%s", test, mode, what, by,
                report.samples(), report.unanswered(), report.maxSkew() / 1_000_000, report.doubleOwners().size(),
                report.unprovenOverlaps(), report.describe(DOUBLE_OWNERS_SHOWN));
    }

    /** As {@link #check(LocalCluster, ClientProcess, String, int, Predicate, Event, Supplier)}, the gaps counted from the event on. */
    ClusterSnapshot checkFromNow(LocalCluster cluster, ClientProcess clients, String what, int members,
                                 Predicate<ClusterSnapshot> reached, Event event, Supplier<String> more)
            throws InterruptedException {
        clients.watch(Duration.ofSeconds(5));
        return check(cluster, clients, what, members, reached, event, more);
    }
}
