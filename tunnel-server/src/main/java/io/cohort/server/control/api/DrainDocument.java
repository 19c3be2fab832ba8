package io.cohort.server.control.api;

/**
 * {@code drain --json} and {@code drain --cancel --json}: what the member did. The drain is this
 * member's own state, told to its master in every keepalive, so it outlives a change of master.
 *
 * @param member the member's name
 * @param draining whether it is being drained now
 * @param changed whether the request changed that (false: it already was, or already was not)
 * @param units the units it owns now (a drained member owns none)
 */
public record DrainDocument(String member, boolean draining, boolean changed, int units) {
    public DrainDocument {
        member = member == null ? "" : member;
    }
}
