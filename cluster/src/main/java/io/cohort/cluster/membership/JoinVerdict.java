package io.cohort.cluster.membership;

/** An application's answer to a join (figure 8F, 881–887). */
public enum JoinVerdict {
    APPROVED,
    REJECTED
}
