package io.cohort.cluster.membership;

import io.cohort.cluster.keepalive.KeepalivePolicy;
import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.MemberAddress;
import java.time.Duration;

/**
 * The constants of one {@link ClusterNode}, validated once.
 *
 * @param id this member's name
 * @param address where it listens on the cluster network
 * @param incarnation distinguishes this run of the member from earlier ones (e.g. the start time
 *     in milliseconds); part of every master term it starts
 * @param keepalive failure detection: the watchdog t (200 ms), K, n range
 * @param joinRetransmit how often a join request is repeated while joining (not in the patent;
 *     covers a lost request or answer)
 * @param joinTimeout how long a join goes unanswered before the member offers to be master
 *     (figure 6, 613; the patent gives no figure)
 * @param offerSilence how long an offer to be master must go unanswered: the patent's 100 ms
 *     (figure 6, 619)
 * @param approvalTimeout how long a joiner waits after "operation in progress" before starting over
 * @param refusedBackoff how long a refused member waits before joining again
 * @param rebalancePeriod the master's load-balance check: the patent's 2 s (figure 8D, 855)
 * @param assignRetry how long the master waits for an assign or de-assign acknowledgment before
 *     repeating the request the first time; each later wait is twice the one before, at most the
 *     watchdog timeout
 * @param assignAttempts how many times it sends one before giving the unit back to the pool
 * @param maxHeldPackets packets held per unit while waiting for an assignment's acknowledgment
 *     (figure 9, 941); more are dropped and counted
 * @param assignAllUnits whether the master assigns every unowned unit of the
 *     {@value io.cohort.cluster.unit.WorkUnit#COUNT} once no member has joined it for a join timeout
 *     after it became master, and at each rebalance tick, instead of waiting for
 *     a packet of the unit (figure 9 assigns on demand): for steering modes where every member's
 *     kernel filter needs an owner for each unit before its first packet, and for failover tests
 *     and benchmarks without traffic
 * @param keptUnitsGrace how long a member that lost its master (watchdog, figure 8I) or whose
 *     master stepped down keeps its units while it joins the next master or becomes master itself
 *     ("kept units"), and how long a new master keeps the old master's assignment table to give
 *     each returning member its units back; zero gives them up at once. Default 1 s
 * @param fencing the lease on owned units and the master's wait before moving a silent member's
 *     units, as fractions of the watchdog t ({@link FencingPolicy})
 * @param rejoinTimeout how long a node that lost its master (watchdog, figure 8I, or the master
 *     stepped down) waits for an answer to its join before offering to be master: every member
 *     lost the same master at about the same time, and a live master answers within a round
 *     trip. Shorter than {@code joinTimeout}, which covers members starting at different times
 */
public record NodeSettings(
        MemberId id,
        MemberAddress address,
        long incarnation,
        KeepalivePolicy keepalive,
        Duration joinRetransmit,
        Duration joinTimeout,
        Duration offerSilence,
        Duration approvalTimeout,
        Duration refusedBackoff,
        Duration rebalancePeriod,
        Duration assignRetry,
        int assignAttempts,
        int maxHeldPackets,
        boolean assignAllUnits,
        Duration keptUnitsGrace,
        FencingPolicy fencing,
        Duration rejoinTimeout) {

    public NodeSettings {
        for (Duration d : new Duration[] {joinRetransmit, joinTimeout, offerSilence, approvalTimeout, refusedBackoff,
                rebalancePeriod, assignRetry, rejoinTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
        if (joinRetransmit.compareTo(joinTimeout) > 0) {
            throw new IllegalArgumentException("join retransmit " + joinRetransmit + " exceeds the join timeout " + joinTimeout);
        }
        if (keptUnitsGrace.isNegative()) {
            throw new IllegalArgumentException("the kept units' grace must not be negative: " + keptUnitsGrace);
        }
        if (rejoinTimeout.compareTo(joinTimeout) > 0) {
            throw new IllegalArgumentException("rejoin timeout " + rejoinTimeout + " exceeds the join timeout " + joinTimeout);
        }
        fencing.check(keepalive);
        if (assignAttempts < 1 || maxHeldPackets < 0) {
            throw new IllegalArgumentException("assign attempts must be positive, held packets not negative");
        }
    }

    /**
     * The defaults: the patent's 200 ms watchdog, 100 ms offer silence and 2 s rebalance; joins
     * repeated every 50 ms for 200 ms; assignments sent 8 times, 50 ms, then twice as long each time up to 200 ms apart; units assigned
     * on demand; units kept for 1 s through a change of master; leases of 3/4 t, a silent
     * member's units moved 2.15 t after its last keepalive ({@link FencingPolicy#DEFAULT}); an
     * offer to be master 50 ms after losing the master.
     */
    public static NodeSettings defaults(MemberId id, MemberAddress address, long incarnation) {
        return new NodeSettings(id, address, incarnation, KeepalivePolicy.DEFAULT, Duration.ofMillis(50),
                Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofMillis(50), 8, 64, false,
                Duration.ofSeconds(1), FencingPolicy.DEFAULT, Duration.ofMillis(50));
    }

    public NodeSettings withKeepalive(KeepalivePolicy policy) {
        return new NodeSettings(id, address, incarnation, policy, joinRetransmit, joinTimeout, offerSilence,
                approvalTimeout, refusedBackoff, rebalancePeriod, assignRetry, assignAttempts, maxHeldPackets,
                assignAllUnits, keptUnitsGrace, fencing, rejoinTimeout);
    }

    public NodeSettings withIncarnation(long value) {
        return new NodeSettings(id, address, value, keepalive, joinRetransmit, joinTimeout, offerSilence,
                approvalTimeout, refusedBackoff, rebalancePeriod, assignRetry, assignAttempts, maxHeldPackets,
                assignAllUnits, keptUnitsGrace, fencing, rejoinTimeout);
    }

    public NodeSettings withAssignAllUnits(boolean value) {
        return new NodeSettings(id, address, incarnation, keepalive, joinRetransmit, joinTimeout, offerSilence,
                approvalTimeout, refusedBackoff, rebalancePeriod, assignRetry, assignAttempts, maxHeldPackets, value,
                keptUnitsGrace, fencing, rejoinTimeout);
    }

    public NodeSettings withKeptUnitsGrace(Duration value) {
        return new NodeSettings(id, address, incarnation, keepalive, joinRetransmit, joinTimeout, offerSilence,
                approvalTimeout, refusedBackoff, rebalancePeriod, assignRetry, assignAttempts, maxHeldPackets,
                assignAllUnits, value, fencing, rejoinTimeout);
    }

    public NodeSettings withFencing(FencingPolicy value) {
        return new NodeSettings(id, address, incarnation, keepalive, joinRetransmit, joinTimeout, offerSilence,
                approvalTimeout, refusedBackoff, rebalancePeriod, assignRetry, assignAttempts, maxHeldPackets,
                assignAllUnits, keptUnitsGrace, value, rejoinTimeout);
    }

    public NodeSettings withRejoinTimeout(Duration value) {
        return new NodeSettings(id, address, incarnation, keepalive, joinRetransmit, joinTimeout, offerSilence,
                approvalTimeout, refusedBackoff, rebalancePeriod, assignRetry, assignAttempts, maxHeldPackets,
                assignAllUnits, keptUnitsGrace, fencing, value);
    }

    /** The lease on owned units: {@link FencingPolicy#lease} of the watchdog. */
    public Duration lease() {
        return fencing.lease(keepalive.watchdogTimeout());
    }
}
