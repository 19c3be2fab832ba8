package io.cohort.server.registry;

import java.util.Comparator;
import java.util.Objects;

/** A session by its tunnel and the identifier this server allocated for it (L2TP: local session ID). */
public record SessionKey(TunnelKey tunnel, int localId) implements Comparable<SessionKey> {
    private static final Comparator<SessionKey> ORDER =
            Comparator.comparing(SessionKey::tunnel).thenComparingInt(SessionKey::localId);

    public SessionKey {
        Objects.requireNonNull(tunnel);
    }

    @Override
    public int compareTo(SessionKey other) {
        return ORDER.compare(this, other);
    }
}
