package io.cohort.server.registry;

import java.util.Comparator;
import java.util.Objects;

/** A tunnel by protocol and the identifier this server allocated for it (L2TP: local tunnel ID). */
public record TunnelKey(TunnelProtocol protocol, int localId) implements Comparable<TunnelKey> {
    private static final Comparator<TunnelKey> ORDER =
            Comparator.comparing(TunnelKey::protocol).thenComparingInt(TunnelKey::localId);

    public TunnelKey {
        Objects.requireNonNull(protocol);
    }

    @Override
    public int compareTo(TunnelKey other) {
        return ORDER.compare(this, other);
    }
}
