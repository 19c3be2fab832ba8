package io.cohort.steering;

import io.cohort.cluster.member.MemberId;
import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;

/**
 * A work unit's acknowledged owner as the master's capture sees it.
 *
 * @param id the member
 * @param address its IPv4 address on the LAN, where frames are forwarded to; empty if the
 *     member's cluster address is not IPv4 (its frames cannot be forwarded)
 * @param self whether it is this member, whose kernel takes the packet itself
 */
public record UnitOwner(MemberId id, Optional<Inet4Address> address, boolean self) {
    public UnitOwner {
        Objects.requireNonNull(id);
        Objects.requireNonNull(address);
    }
}
