package io.cohort.server.pptp;

import io.cohort.cluster.unit.UnitIdAllocator;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.pptp.call.CallIdAllocator;
import java.util.OptionalInt;

/**
 * The Call IDs one control connection hands out, all of its work unit (that of its TCP
 * connection's address and port), so that the GRE packets of every call, which carry our Call ID,
 * steer to the member that holds the connection. A view of the member's one
 * {@link UnitIdAllocator}: Call IDs stay unique on the member (a GRE packet finds its call by
 * Call ID alone). Engine thread only.
 */
final class UnitCallIds implements CallIdAllocator {
    private final UnitIdAllocator ids;
    private final WorkUnit unit;

    UnitCallIds(UnitIdAllocator ids, WorkUnit unit) {
        this.ids = ids;
        this.unit = unit;
    }

    @Override
    public OptionalInt allocate() {
        return ids.allocate(unit);
    }

    @Override
    public void release(int callId) {
        ids.release(callId);
    }

    @Override
    public boolean inUse(int callId) {
        return ids.inUse(callId);
    }

    @Override
    public int allocated() {
        return ids.allocated();
    }
}
