package io.cohort.steering.classify;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.cluster.unit.WorkUnit;

/** What {@link PacketClassifier} says about one packet: its work unit, or why it has none. */
public sealed interface Classification {

    /**
     * The packet belongs to {@code unit}.
     *
     * @param key the fields it was classified on (useful in logs and tests)
     */
    record Steered(WorkUnit unit, SteeredProtocol protocol, FlowKey key) implements Classification {
        static Steered of(SteeredProtocol protocol, FlowKey key) {
            return new Steered(WorkFilter.classify(key), protocol, key);
        }
    }

    /** The packet has no work unit. */
    record Dropped(DropReason reason) implements Classification {}
}
