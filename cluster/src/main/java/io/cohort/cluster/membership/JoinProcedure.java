package io.cohort.cluster.membership;

import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.ExitReason;
import io.cohort.cluster.message.JoinAck;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.message.OfferMaster;
import io.cohort.cluster.message.OtherMasterExists;
import io.cohort.time.Timer;
import java.time.Duration;

/**
 * Figure 6 up to membership: broadcast a join request (603) and repeat it every
 * {@code joinRetransmit}; on "OK to join" become a member (605–607); on "operation in progress"
 * wait up to {@code approvalTimeout} for the verdict; on a refusal pause and start over. With no
 * answer for {@code joinTimeout} (613), offer to be master (615), repeated every
 * {@code joinRetransmit}: "other master exists" (617), a master's keepalive, or an offer from a
 * lower address sends the node back to joining; 100 ms of silence (619) make it master (621–623).
 *
 * <p>Two members that offer at once both hear the other's offer and the higher address yields at
 * once; a member still joining that hears an offer from a lower address waits a join timeout
 * again before offering, so that the winner's keepalive reaches it first; if every copy of an
 * offer is lost, both become master and the tie-breaker of figure 8A settles it.
 *
 * <p>After a change of master the node may hold kept units meanwhile ({@link ClusterNode}:
 * {@link KeptUnits}); a refusal gives them up, and so does, for the units it gives to other
 * members, any master's keepalive it hears meanwhile.
 */
final class JoinProcedure implements RoleState {
    private final ClusterNode node;
    private Timer retransmit = Timer.NONE;
    private Timer deadline = Timer.NONE;
    private boolean askedOnKeepalive; // a master keepalive made us send our join at once (once per procedure)
    private long lastJoinNanos;

    JoinProcedure(ClusterNode node) {
        this.node = node;
    }

    void startJoining() {
        startJoining(node.settings().joinTimeout());
    }

    /**
     * Joins, offering to be master after {@code answerTimeout} without an answer: the join timeout,
     * or the shorter rejoin timeout right after losing a master ({@link NodeSettings#rejoinTimeout}).
     * After yielding to another offer the join timeout applies again: it outlasts the winner's
     * offer silence, so the winner is master before this node would offer again.
     */
    void startJoining(Duration answerTimeout) {
        cancelTimers();
        node.setRole(Role.JOINING);
        sendJoin();
        deadline = schedule(answerTimeout, this::offer);
    }

    private void sendJoin() {
        NodeSettings s = node.settings();
        node.output().broadcast(new JoinRequest(s.id(), s.address(), node.configVersion(), node.credential()));
        lastJoinNanos = node.scheduler().nanos();
        retransmit = schedule(s.joinRetransmit(), this::sendJoin);
        node.periodicTimerDue(node.scheduler().nanos() + s.joinRetransmit().toNanos());
    }

    private void offer() {
        cancelTimers();
        node.setRole(Role.OFFERING);
        node.counters().counter("cluster.election.offers").increment();
        broadcastOffer();
        deadline = schedule(node.settings().offerSilence(), node::becomeMaster);
        node.periodicTimerDue(node.scheduler().nanos() + node.settings().offerSilence().toNanos());
    }

    /**
     * The offer goes out again every {@code joinRetransmit} while the silence lasts, as a join
     * does: two nodes that offer at about the same time must each hear the other's offer, or both
     * become master (until figure 8A's tie-breaker settles it); a lost copy no longer suffices.
     */
    private void broadcastOffer() {
        node.output().broadcast(new OfferMaster(node.id(), node.settings().address()));
        retransmit = schedule(node.settings().joinRetransmit(), this::broadcastOffer);
    }

    private void refused(NakReason reason) {
        cancelTimers();
        node.setRole(Role.REFUSED);
        node.counters().counter("cluster.join.refused").increment();
        node.releaseKept();
        node.application().joinRefused(reason);
        deadline = schedule(node.settings().refusedBackoff(), this::startJoining);
    }

    @Override
    public void receive(MemberAddress from, ClusterMessage message) {
        if (message instanceof MasterKeepalive k && !k.sender().equals(node.id())) {
            node.keepaliveWhileJoining(k.assignments());
            long sinceLastJoin = node.scheduler().nanos() - lastJoinNanos;
            if (node.role() == Role.JOINING && !askedOnKeepalive
                    && 2 * sinceLastJoin >= node.settings().joinRetransmit().toNanos()) {
                // a master is up (typically one just elected): ask it now, not at the next
                // retransmission, unless our last join is recent enough to be on its way still
                askedOnKeepalive = true;
                retransmit.cancel();
                sendJoin();
            }
        }
        Role role = node.role();
        switch (message) {
            case JoinAck a when a.target().equals(node.id()) && role != Role.REFUSED ->
                    node.becomeMember(from, a.sender(), a.term());
            case JoinNak n when n.target().equals(node.id()) && role == Role.JOINING -> {
                if (n.reason().isFinal()) {
                    refused(n.reason());
                } else {
                    deadline.cancel();
                    deadline = schedule(node.settings().approvalTimeout(), this::startJoining);
                }
            }
            case OtherMasterExists o when o.target().equals(node.id()) && role == Role.OFFERING -> startJoining();
            case OfferMaster o when role == Role.OFFERING && o.address().compareTo(node.settings().address()) < 0 ->
                    startJoining();
            case OfferMaster o when role == Role.JOINING && o.address().compareTo(node.settings().address()) < 0 -> {
                // a lower address offers while we still wait for an answer: it will be master before
                // our deadline would make us offer (and it would not yield to our higher address)
                deadline.cancel();
                deadline = schedule(node.settings().joinTimeout(), this::offer);
            }
            case MasterKeepalive k when role == Role.OFFERING && !k.sender().equals(node.id()) -> startJoining();
            case Exit e when e.target().equals(node.id()) && e.reason() == ExitReason.STALE_CONFIGURATION
                    && e.configVersion() > node.configVersion() -> node.configurationStale(from, e.configVersion());
            default -> { }
        }
    }

    @Override
    public void close() {
        cancelTimers();
    }

    private void cancelTimers() {
        retransmit.cancel();
        deadline.cancel();
    }

    private Timer schedule(Duration delay, Runnable task) {
        return node.scheduler().schedule(delay, () -> {
            if (node.isCurrent(this)) {
                task.run();
            }
        });
    }
}
