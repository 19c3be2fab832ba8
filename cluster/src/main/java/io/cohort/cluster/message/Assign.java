package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;

/**
 * The master gives {@code unit} to {@code member} (figure 9, 937); answered by {@link AssignAck}.
 *
 * @param revision the master's assignment revision when it decided this, increasing within a
 *     term: a member ignores an order older than the last one it applied to the unit, so a
 *     duplicated or overtaken assign cannot undo a later de-assign
 */
public record Assign(MemberId sender, long term, long revision, WorkUnit unit, MemberId member) implements ClusterMessage {}
