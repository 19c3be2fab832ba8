package io.cohort.replication.sim;

import java.nio.ByteBuffer;

/**
 * A simulated session's state, as the 16 octets replication carries: the {@code era} of its work
 * unit (how many times the unit was taken over: each new owner publishes in a new era) and the
 * session's {@code version} (counted up by each change, as the real protocols' essential state
 * changes on each control message; carried on from the rebuilt version by the next owner).
 * Newer means a later era, then a higher version.
 */
record SessionStamp(long era, long version) implements Comparable<SessionStamp> {
    static final SessionStamp NONE = new SessionStamp(0, 0);

    byte[] encode() {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(era).putLong(version).array();
    }

    static SessionStamp decode(byte[] state) {
        if (state.length != 2 * Long.BYTES) {
            throw new AssertionError("a session state of " + state.length + " B");
        }
        ByteBuffer b = ByteBuffer.wrap(state);
        return new SessionStamp(b.getLong(), b.getLong());
    }

    @Override
    public int compareTo(SessionStamp other) {
        int byEra = Long.compare(era, other.era);
        return byEra != 0 ? byEra : Long.compare(version, other.version);
    }

    static SessionStamp newer(SessionStamp a, SessionStamp b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "e" + era + "v" + version;
    }
}
