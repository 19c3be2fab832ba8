package io.cohort.cluster.membership;

/** Where a {@link ClusterNode} is in figure 6. */
public enum Role {
    /** Not started, or stopped. */
    STOPPED,
    /** Broadcasting join requests, waiting for "OK to join" (603–605). */
    JOINING,
    /** No answer to the join: offering to be master, 100 ms of silence to go (615–619). */
    OFFERING,
    /** The master refused the join; trying again after a pause. */
    REFUSED,
    /** Told its configuration is stale: waiting for the application to fetch it (641–642). */
    UPDATING_CONFIGURATION,
    /** A member ("client") of a master's cluster (607). */
    MEMBER,
    /** The cluster master (623). */
    MASTER
}
