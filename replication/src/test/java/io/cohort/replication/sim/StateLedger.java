package io.cohort.replication.sim;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.replication.ReplicaStore;
import io.cohort.replication.StateKey;
import io.cohort.replication.UnitKey;
import io.cohort.replication.wire.ReplicationFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The truth about every simulated session's state, against which replication is checked (patent,
 * figure 7: the essential state survives its owner). Each takeover of a unit opens a new era of
 * it (the new owner publishes the unit anew); the ledger records each stamp published, each
 * barrier a peer acknowledged and each stamp a member's store applied, and checks:
 * <ul>
 *   <li><b>no acknowledged state is lost</b>: a member taking a unit over rebuilds each key at
 *       least at the newest version of the current era that it acknowledged through a barrier,
 *       or that every running member's store applied (the key's last publisher aside), unless the
 *       session ended in that era (a key missing then is what its owner had last); a key whose
 *       removal is so acknowledged or applied is not rebuilt;
 *   <li><b>nothing is invented</b>: no key is rebuilt at a version never published.
 * </ul>
 * A put that replaces a newer stamp of its key in a store (a later era, or the same era and a
 * higher version: a replica regressing), acknowledged state lost that way, a session rebuilt
 * though its removal reached the member and, with partitions, a loss while a unit had two owners
 * are {@link OwnerOrderAnomaly}s: counted.
 * What a member's process acknowledged and applied dies with it.
 */
final class StateLedger implements SimReplication.StoreWatcher {
    private final LongSupplier clock;
    private final boolean splitBrain;
    private final Map<OwnerOrderAnomaly, Long> anomalies = new java.util.EnumMap<>(OwnerOrderAnomaly.class);
    private final Map<WorkUnit, Long> eras = new HashMap<>();
    private final Map<UnitKey, Long> highestVersion = new HashMap<>();
    private final Map<UnitKey, SessionStamp> removedAt = new HashMap<>();
    /** Each key's last publisher, as the process that published it: a restarted member is another. */
    private final Map<UnitKey, Process> publisher = new HashMap<>();
    private final Map<MemberId, Integer> incarnations = new HashMap<>();
    private final Map<WorkUnit, List<UnitKey>> keysByUnit = new HashMap<>();
    private final Map<MemberId, Map<UnitKey, SessionStamp>> acknowledged = new HashMap<>();
    private final Map<MemberId, Map<UnitKey, SessionStamp>> applied = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long sessions;
    private SessionStamp stampBefore = SessionStamp.NONE;
    private long takeovers;
    private long keysRebuilt;
    private long acknowledgements;
    private long published;
    private long staleFrames;

    /** One process of a member. */
    private record Process(MemberId member, int incarnation) {}

    /** With {@code splitBrain}, units may have two owners at once (partitions): losses are counted, not violations. */
    StateLedger(LongSupplier clock, boolean splitBrain) {
        this.clock = clock;
        this.splitBrain = splitBrain;
    }

    /** A new session's key id, never used before. */
    long newSession() {
        return ++sessions;
    }

    /** The era {@code unit} is in: how many times it was taken over. */
    long era(WorkUnit unit) {
        return eras.getOrDefault(unit, 0L);
    }

    /** {@code by} published {@code stamp} of {@code key} (a removal with {@code removed}). */
    void published(MemberId by, UnitKey key, SessionStamp stamp, boolean removed) {
        published++;
        if (highestVersion.put(key, Math.max(stamp.version(), highestVersion.getOrDefault(key, 0L))) == null) {
            keysByUnit.computeIfAbsent(key.unit(), u -> new ArrayList<>()).add(key);
        }
        publisher.put(key, process(by));
        if (removed) {
            removedAt.put(key, stamp);
        }
    }

    /** {@code peer} acknowledged a barrier asked for when the publisher's state was {@code covered}. */
    void acknowledged(MemberId peer, Map<UnitKey, SessionStamp> covered) {
        acknowledgements++;
        Map<UnitKey, SessionStamp> mine = acknowledged.computeIfAbsent(peer, p -> new HashMap<>());
        covered.forEach((key, stamp) -> mine.merge(key, stamp, SessionStamp::newer));
    }

    /** {@code member} started afresh: what its former process acknowledged and applied is gone. */
    void incarnation(MemberId member) {
        incarnations.merge(member, 1, Integer::sum);
        acknowledged.remove(member);
        applied.remove(member);
    }

    /**
     * {@code by} took {@code unit} over, rebuilding {@code rebuilt}, while {@code running} were the
     * live processes; returns the unit's new era, in which {@code by} publishes it.
     */
    long tookOver(MemberId by, WorkUnit unit, Map<StateKey, SessionStamp> rebuilt, Set<MemberId> running) {
        takeovers++;
        keysRebuilt += rebuilt.size();
        long era = era(unit);
        for (UnitKey key : keysByUnit.getOrDefault(unit, List.of())) {
            long acked = inEra(acknowledged, by, key, era);
            long required = Math.max(acked, reachedEveryone(key, running, era));
            SessionStamp stamp = rebuilt.get(key.key());
            if (stamp != null && stamp.version() > highestVersion.get(key)) {
                violate("%s rebuilt %s at %s, a version never published", by, key, stamp);
            }
            SessionStamp removal = removedAt.get(key);
            if (required == 0) {
                continue;
            }
            if (removal != null && removal.era() == era) {
                if (stamp != null && required >= removal.version()) {
                    count(OwnerOrderAnomaly.RESURRECTED_SESSION);
                }
            } else if ((stamp == null || stamp.version() < required) && splitBrain) {
                count(OwnerOrderAnomaly.LOST_IN_SPLIT_BRAIN);
            } else if (stamp != null && stamp.version() < required && stamp.era() < era) {
                count(OwnerOrderAnomaly.LOST_TO_A_LATE_FORMER_OWNER);
            } else if (stamp == null || stamp.version() < required) {
                violate("%s rebuilt %s at %s, lost version %d of era %d (acknowledged by it: %d; last published by %s)",
                        by, key, stamp == null ? "none" : stamp, required, era, acked,
                        process(by).equals(publisher.get(key)) ? "itself" : "another");
            }
        }
        eras.put(unit, era + 1);
        return era + 1;
    }

    /** The version of {@code era} every running member's store applied, the key's last publisher aside; 0 if none. */
    private long reachedEveryone(UnitKey key, Set<MemberId> running, long era) {
        Process last = publisher.get(key);
        long least = Long.MAX_VALUE;
        for (MemberId member : running) {
            if (!process(member).equals(last)) {
                least = Math.min(least, inEra(applied, member, key, era));
            }
        }
        return least == Long.MAX_VALUE ? 0 : least;
    }

    private Process process(MemberId member) {
        return new Process(member, incarnations.getOrDefault(member, 0));
    }

    private static long inEra(Map<MemberId, Map<UnitKey, SessionStamp>> byMember, MemberId member, UnitKey key,
                              long era) {
        Map<UnitKey, SessionStamp> mine = byMember.get(member);
        SessionStamp stamp = mine == null ? null : mine.get(key);
        return stamp != null && stamp.era() == era ? stamp.version() : 0;
    }

    @Override
    public void applying(MemberId at, MemberId origin, ReplicationFrame frame, ReplicaStore store) {
        if (frame instanceof ReplicationFrame.Put put) {
            ReplicaStore.Replica current = store.unit(put.unit()).get(put.key());
            stampBefore = current == null ? SessionStamp.NONE : SessionStamp.decode(current.state());
        }
    }

    @Override
    public void applied(MemberId at, MemberId origin, ReplicationFrame frame, ReplicaStore store) {
        if (frame instanceof ReplicationFrame.Put put) {
            SessionStamp stamp = SessionStamp.decode(put.state());
            if (stamp.compareTo(stampBefore) < 0) {
                count(OwnerOrderAnomaly.REGRESSED_REPLICA);
            }
            applied.computeIfAbsent(at, m -> new HashMap<>()).merge(put.unitKey(), stamp, SessionStamp::newer);
        } else if (frame instanceof ReplicationFrame.Remove remove && removedAt.containsKey(remove.unitKey())) {
            applied.computeIfAbsent(at, m -> new HashMap<>())
                    .merge(remove.unitKey(), removedAt.get(remove.unitKey()), SessionStamp::newer);
        }
    }

    @Override
    public void stale(MemberId at, MemberId origin, ReplicationFrame frame) {
        staleFrames++;
    }

    /** Puts and removals the stores ignored as older than their unit's newest epoch. */
    long staleFrames() {
        return staleFrames;
    }

    void violate(String format, Object... args) {
        violations.add(String.format("at %.3f s: ", clock.getAsLong() / 1e9) + String.format(format, args));
    }

    void count(OwnerOrderAnomaly anomaly) {
        anomalies.merge(anomaly, 1L, Long::sum);
    }

    Map<OwnerOrderAnomaly, Long> anomalies() {
        return Map.copyOf(anomalies);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    long takeovers() {
        return takeovers;
    }

    long keysRebuilt() {
        return keysRebuilt;
    }

    long acknowledgements() {
        return acknowledgements;
    }

    long published() {
        return published;
    }
}
