package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;

/**
 * A member owns {@code unit} now (figure 9, 931): the master releases the packets it held for the
 * unit to it.
 */
public record AssignAck(MemberId sender, long term, long revision, WorkUnit unit) implements ClusterMessage {}
