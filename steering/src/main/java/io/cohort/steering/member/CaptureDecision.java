package io.cohort.steering.member;

import io.cohort.steering.SteeringMode;

/**
 * What the master does with a packet its capture classified (figure 9), by steering mode and by
 * what its forwarding table says of the packet's unit.
 */
enum CaptureDecision {
    /** The unit has no acknowledged owner: the cluster layer assigns it and holds the packet. */
    DEMAND,
    /**
     * As {@link #DEMAND}, but every member's interface saw the packet (modes 2 and 3): should the
     * unit have an owner by the time the cluster layer looks, that owner has it already.
     */
    DEMAND_UNLESS_OWNED,
    /** The owner's kernel received the packet itself: this member (any mode), or any owner in modes 2 and 3. */
    OWNER_HAS_IT,
    /** Forwarding mode, another member's unit: re-address the frame to that member. */
    FORWARD,
    /** Forwarding mode, another member's unit, but the member has no IPv4 address to forward to. */
    NO_ADDRESS;

    static CaptureDecision of(SteeringMode mode, OwnerTable.Owner owner) {
        if (owner == null) {
            return mode == SteeringMode.FORWARDING ? DEMAND : DEMAND_UNLESS_OWNED;
        }
        if (mode != SteeringMode.FORWARDING || owner.self()) {
            return OWNER_HAS_IT;
        }
        return owner.address().isPresent() ? FORWARD : NO_ADDRESS;
    }
}
