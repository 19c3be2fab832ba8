package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;

/**
 * "Work de-assign" (figure 8D, 863): the receiver stops processing {@code unit}, which the master
 * will give to {@code target}; answered by {@link DeassignAck}.
 */
public record Deassign(MemberId sender, long term, long revision, WorkUnit unit, MemberId target) implements ClusterMessage {}
