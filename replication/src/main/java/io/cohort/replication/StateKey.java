package io.cohort.replication;

/**
 * What one piece of replicated state is, within its work unit: a {@code space} the publishing
 * protocol chooses (e.g. "an L2TP tunnel's initial state") and an {@code id} within it (e.g. the
 * tunnel ID). Keys order by space, then id, so a protocol that numbers its spaces parent first
 * (tunnel before session) reads them back in the order it rebuilds them.
 */
public record StateKey(int space, long id) implements Comparable<StateKey> {
    public StateKey {
        if (space < 0 || space > 0xffff) {
            throw new IllegalArgumentException("space " + space + " is not 0-65535");
        }
    }

    @Override
    public int compareTo(StateKey other) {
        int bySpace = Integer.compare(space, other.space);
        return bySpace != 0 ? bySpace : Long.compare(id, other.id);
    }

    @Override
    public String toString() {
        return space + ":" + id;
    }
}
