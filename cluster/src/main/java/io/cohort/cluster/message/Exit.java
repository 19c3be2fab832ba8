package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;

/**
 * "Exit the cluster" (figure 6, 609 and 641; figure 8B, 833): the receiver leaves and joins again.
 *
 * @param configVersion the sender's configuration version, the one to fetch when the reason is
 *     {@link ExitReason#STALE_CONFIGURATION}
 */
public record Exit(MemberId sender, MemberId target, ExitReason reason, long configVersion) implements ClusterMessage {}
