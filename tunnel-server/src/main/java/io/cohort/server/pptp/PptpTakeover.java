package io.cohort.server.pptp;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.replication.ReplicaStore;
import io.cohort.server.cluster.UnitHandover;
import io.cohort.server.dataplane.EngineLoop;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * PPTP's part in work units changing hands (patent, figure 7): a member taking units over
 * rebuilds, on its engine thread, every control connection the replicas hold for them (TCP
 * connection, control connection, calls, GRE channels, PPP links; {@link PptpRuntime#restore})
 * and then forgets the replicas, its own publication now being the state; a member giving units
 * up drops their connections without a word to the peers ({@link PptpRuntime#handOver}).
 *
 * <p>What cannot be rebuilt is skipped, counted and logged, never thrown: records missing or
 * undecodable ({@code pptp.takeover.records_skipped}), a connection whose socket cannot be
 * restored or whose records do not fit ({@code pptp.takeover.failed}). Connections rebuilt:
 * {@code pptp.takeover.connections}.
 */
final class PptpTakeover implements UnitHandover {
    private static final Logger LOG = Logger.getLogger(PptpTakeover.class.getName());

    private final PptpRuntime runtime;
    private final ReplicaStore replicas;
    private final Counter restored;
    private final Counter failed;
    private final Counter skipped;

    PptpTakeover(PptpRuntime runtime, ReplicaStore replicas, Counters counters) {
        this.runtime = runtime;
        this.replicas = replicas;
        this.restored = counters.counter("pptp.takeover.connections");
        this.failed = counters.counter("pptp.takeover.failed");
        this.skipped = counters.counter("pptp.takeover.records_skipped");
    }

    @Override
    public CompletionStage<?> takeOver(Set<WorkUnit> units) {
        Optional<EngineLoop> engine = runtime.engine();
        if (engine.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the PPTP runtime is not started"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.get().loop().execute(() -> {
            try {
                units.forEach(this::takeOver);
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
                throw e;
            }
        });
        return done;
    }

    /** On the engine thread. */
    private void takeOver(WorkUnit unit) {
        ReplicatedConnections.Reading reading = ReplicatedConnections.read(replicas.unit(unit));
        for (String line : reading.skipped()) {
            skipped.increment();
            LOG.fine(() -> "PPTP takeover of unit " + unit + ": " + line);
        }
        for (ReplicatedConnection connection : reading.connections()) {
            try {
                runtime.restore(connection);
                restored.increment();
            } catch (SystemCallException | IllegalStateException | IllegalArgumentException e) {
                failed.increment();
                LOG.warning(() -> "PPTP takeover of unit " + unit + ": " + connection + " not rebuilt: " + e);
            }
        }
        replicas.forget(unit, PptpStateKeys::isPptp); // L2TP's records of the unit are L2TP's to rebuild
    }

    @Override
    public CompletionStage<?> release(Set<WorkUnit> units) {
        return runtime.engine().<CompletionStage<?>>map(e -> CompletableFuture.runAsync(() -> runtime.handOver(units),
                e.loop())).orElseGet(() -> CompletableFuture.completedFuture(null));
    }
}
