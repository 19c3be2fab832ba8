package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;

/**
 * Broadcast by a member whose join request went unanswered: it offers to become master and does
 * so after 100 ms without "other master exists" (figure 6, 615–621).
 */
public record OfferMaster(MemberId sender, MemberAddress address) implements ClusterMessage {}
