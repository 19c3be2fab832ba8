package io.cohort.steering;

/**
 * What the master does with a packet its capture classified (figure 9); each {@link
 * SteeringMode} decides it from what the master's forwarding table says of the packet's unit.
 */
public enum CaptureDecision {
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
    NO_ADDRESS
}
