package io.cohort.steering.kernel;

import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.nfqueue.NfqueueTargetRule;

/**
 * Appends the FIN guard's queue rule ({@code xt target NFQUEUE}, which libnftables cannot write)
 * to a chain of an {@code ip} table, in the network namespace of the member's kernel filter.
 */
@FunctionalInterface
public interface QueueRuleAppender {
    /** {@link NfqueueTargetRule#append}: the calling thread's network namespace. */
    QueueRuleAppender CALLING_THREAD_NAMESPACE = NfqueueTargetRule::append;

    void append(String table, String chain, int queue) throws SystemCallException;
}
