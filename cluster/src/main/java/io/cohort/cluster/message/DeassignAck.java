package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;

/**
 * The member released {@code unit} (it also answers a de-assign for a unit it did not own, so a
 * repeated request is harmless).
 */
public record DeassignAck(MemberId sender, long term, long revision, WorkUnit unit) implements ClusterMessage {}
