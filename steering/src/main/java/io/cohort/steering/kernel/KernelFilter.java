package io.cohort.steering.kernel;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A member's kernel filter: the nftables tables of {@link KernelRules}, kept equal to the set of
 * work units this member owns. The cluster acknowledges an assignment only after its filter
 * follows it, so every update runs synchronously on the caller's thread and reports whether the
 * kernel now holds what it should.
 *
 * <p>Updates are incremental ({@link #assign}, {@link #revoke}: only the units that change, one
 * transaction each). If one fails (someone flushed the set, the table vanished, the kernel ran
 * out of memory), the filter falls back once to {@link #replace} with the full set it should
 * hold. If that fails too, the filter remembers that the kernel is out of step and makes its next
 * update, whatever it is, a full replace, so a lost update is repaired by the next one that
 * succeeds. The units this class believes owned are the ones it last asked for, whether or not
 * the kernel took them: an update that keeps failing is visible in
 * {@code steering.kernel.update_failures} and an operator-facing log line.
 *
 * <p>With a FIN guard ({@link KernelFilterSpec#finGuardQueue()}, {@link KernelRules}) {@link
 * #install} also appends the queue rule; the queue must already be held by this process (an
 * {@link io.cohort.dataplane.nfqueue.NfqueueAcceptor}) or PPTP's FIN and RST are dropped, and
 * must stay held until {@link #close} has removed the tables.
 *
 * <p>Counters: {@code steering.kernel.updates} (transactions committed),
 * {@code steering.kernel.update_failures} (transactions the kernel refused),
 * {@code steering.kernel.fallbacks} (full replaces after a failed incremental update),
 * {@code steering.kernel.elements_added} and {@code .elements_removed} (their difference is the
 * number of owned units, also {@link #owned()}'s size). Thread-safe.
 */
public final class KernelFilter implements AutoCloseable {
    private final Nftables nftables;
    private final QueueRuleAppender queueRule;
    private final KernelFilterSpec spec;
    private final Counters counters;
    private final RateLimitedLog log;
    private final TreeSet<WorkUnit> owned = new TreeSet<>();
    private boolean installed;
    /** False after a transaction failed: the kernel may hold other units than {@link #owned}. */
    private boolean inStep = true;

    /**
     * @param nftables a context opened in this member's network namespace; not closed by this
     *     filter
     */
    public KernelFilter(Nftables nftables, KernelFilterSpec spec, Counters counters, RateLimitedLog log) {
        this(nftables, QueueRuleAppender.CALLING_THREAD_NAMESPACE, spec, counters, log);
    }

    /**
     * @param nftables a context opened in this member's network namespace; not closed by this
     *     filter
     * @param queueRule appends the FIN guard's queue rule in that same namespace
     */
    public KernelFilter(Nftables nftables, QueueRuleAppender queueRule, KernelFilterSpec spec, Counters counters,
                        RateLimitedLog log) {
        this.nftables = nftables;
        this.queueRule = queueRule;
        this.spec = spec;
        this.counters = counters;
        this.log = log;
    }

    /**
     * Creates the tables with no unit owned, atomically replacing stale ones of the same name
     * (left by a crashed run). Until then updates are refused. A failure here means steering
     * cannot work on this host (no nftables, no privilege, a bad interface name): the caller
     * should not join the cluster.
     */
    public synchronized void install() throws NftablesException {
        try {
            nftables.run(KernelRules.install(spec, Set.of()));
        } catch (NftablesException e) {
            counters.counter("steering.kernel.update_failures").increment();
            throw new NftablesException("cannot install the kernel filter (table " + spec.table() + "): "
                    + e.getMessage(), e);
        }
        if (spec.finGuardQueue().isPresent()) {
            appendQueueRule(spec.finGuardQueue().getAsInt());
        }
        counters.counter("steering.kernel.updates").increment();
        counters.counter("steering.kernel.elements_removed").add(owned.size());
        owned.clear();
        installed = true;
        inStep = true;
    }

    private void appendQueueRule(int queue) throws NftablesException {
        try {
            queueRule.append(spec.table(), KernelRules.FIN_GUARD, queue);
        } catch (SystemCallException e) {
            counters.counter("steering.kernel.update_failures").increment();
            try {
                nftables.run(KernelRules.remove(spec));
            } catch (NftablesException removal) {
                e.addSuppressed(removal);
            }
            throw new NftablesException("cannot install the FIN guard of the kernel filter (table ip " + spec.table()
                    + ", chain " + KernelRules.FIN_GUARD + ", queue " + queue + "; needs nft_compat and xt_NFQUEUE): "
                    + e.getMessage(), e);
        }
    }

    /** Adds {@code units} to the owned set; true when the kernel follows. */
    public synchronized boolean assign(Set<WorkUnit> units) {
        TreeSet<WorkUnit> added = new TreeSet<>(units);
        added.removeAll(owned);
        TreeSet<WorkUnit> target = new TreeSet<>(owned);
        target.addAll(units);
        return update(KernelRules.add(spec, added), target, "assign " + summary(added));
    }

    /** Removes {@code units} from the owned set; true when the kernel follows. */
    public synchronized boolean revoke(Set<WorkUnit> units) {
        TreeSet<WorkUnit> removed = new TreeSet<>(units);
        removed.retainAll(owned);
        TreeSet<WorkUnit> target = new TreeSet<>(owned);
        target.removeAll(units);
        return update(KernelRules.delete(spec, removed), target, "revoke " + summary(removed));
    }

    /** Makes {@code units} the owned set, flushing and refilling in one transaction. */
    public synchronized boolean replace(Set<WorkUnit> units) {
        TreeSet<WorkUnit> target = new TreeSet<>(units);
        if (!installed) {
            return refuse("replace");
        }
        return apply(KernelRules.replace(spec, target), target, "replace with " + summary(target));
    }

    /** The units this filter last asked the kernel to hold, ascending. */
    public synchronized Set<WorkUnit> owned() {
        return Collections.unmodifiableSet(new TreeSet<>(owned));
    }

    /** Deletes the tables; afterwards this member's kernel filters nothing. Idempotent. */
    @Override
    public synchronized void close() {
        if (!installed) {
            return;
        }
        installed = false;
        try {
            nftables.run(KernelRules.remove(spec));
            counters.counter("steering.kernel.updates").increment();
        } catch (NftablesException e) {
            counters.counter("steering.kernel.update_failures").increment();
            log.log(Level.WARNING, "steering.kernel.close",
                    "cannot delete nftables table %s: %s; delete it by hand with 'nft delete table inet %s'",
                    spec.table(), e.getMessage(), spec.table());
        }
        counters.counter("steering.kernel.elements_removed").add(owned.size());
        owned.clear();
    }

    private boolean update(String script, TreeSet<WorkUnit> target, String what) {
        if (!installed) {
            return refuse(what);
        }
        if (!inStep) {
            return apply(KernelRules.replace(spec, target), target, "replace with " + summary(target)
                    + " (the kernel was out of step after a failed update) to " + what);
        }
        if (script.isEmpty()) {
            return true; // nothing changes
        }
        if (apply(script, target, what)) {
            return true;
        }
        counters.counter("steering.kernel.fallbacks").increment();
        return apply(KernelRules.replace(spec, target), target, "replace with " + summary(target) + " after a failed " + what);
    }

    private boolean apply(String script, TreeSet<WorkUnit> target, String what) {
        try {
            nftables.run(script);
        } catch (NftablesException e) {
            counters.counter("steering.kernel.update_failures").increment();
            log.log(Level.ERROR, "steering.kernel.update",
                    "kernel filter %s: %s failed, this member's kernel may answer or drop packets of units it does not "
                            + "own: %s (inspect with 'nft list table inet %s')",
                    spec.table(), what, e.getMessage(), spec.table());
            remember(target); // what it should be: the next update replaces with it
            inStep = false;
            return false;
        }
        counters.counter("steering.kernel.updates").increment();
        remember(target);
        inStep = true;
        return true;
    }

    private void remember(TreeSet<WorkUnit> target) {
        long added = target.stream().filter(u -> !owned.contains(u)).count();
        long removed = owned.stream().filter(u -> !target.contains(u)).count();
        counters.counter("steering.kernel.elements_added").add(added);
        counters.counter("steering.kernel.elements_removed").add(removed);
        owned.clear();
        owned.addAll(target);
    }

    private boolean refuse(String what) {
        counters.counter("steering.kernel.update_failures").increment();
        log.log(Level.ERROR, "steering.kernel.not_installed", "kernel filter %s: %s refused, the filter is not installed",
                spec.table(), what);
        return false;
    }

    private static String summary(Set<WorkUnit> units) {
        if (units.size() <= 8) {
            return "units " + units.stream().map(u -> Integer.toString(u.value())).toList();
        }
        return units.size() + " units";
    }
}
