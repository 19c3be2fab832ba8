package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;

/**
 * A member's ("client") keepalive to its master (figure 8H), with "a monotonically increasing
 * numeric value": an unsigned 32-bit sequence number, compared with serial arithmetic by
 * {@link io.cohort.cluster.keepalive.LossEstimator}.
 */
public record MemberKeepalive(MemberId sender, long term, int sequence) implements ClusterMessage {}
